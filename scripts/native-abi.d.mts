export interface ElectronTarget {
  version: string;
  abi: number;
}
export function addonAbi(file: string): number | undefined;
export function electronTarget(): ElectronTarget;
export function electronAddonProblem(file: string, target: ElectronTarget, nodeAbi?: number): string | undefined;
