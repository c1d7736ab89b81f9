/**
 * Lay the diagram model out with elkjs (layered, top to bottom), so nobody places boxes by
 * hand and a changed rule set redraws itself. The bundled build of elkjs runs without a Web
 * Worker, so the same code lays out in Node (tests, the CLI) and in the renderer. It is loaded
 * when a diagram is first drawn (a dynamic import: its own chunk of about 1.6 MB), not with the
 * app, since most sessions never open the rules page.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { DiagramEdge, DiagramModel, DiagramNode } from './diagram';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode extends DiagramNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends DiagramEdge {
  /** The route from the source box to the target box: start, bends (right angles), end. */
  points: Point[];
  /** Whether the drawing prints the label on this arrow (once per fan of like arrows). */
  labelShown: boolean;
  /** Where the label box sits (its top-left corner) and its size. */
  labelAt: Point & { width: number; height: number };
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Text metrics without a DOM: a generous average for a 12 px sans-serif. */
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 16;
const NODE_HEIGHT = 36;
const NODE_PADDING = 28;

export const textWidth = (text: string) => Math.ceil(text.length * CHAR_WIDTH);

/**
 * Which edges carry their label on the drawing. Holding and cancelling are allowed from many
 * statuses with the same roles: one label per fan (same target, or for releases the same
 * source) says it once instead of five times over each other. The table under the drawing
 * and every arrow's tooltip still give each edge its roles.
 */
export function labelledEdges(model: DiagramModel): boolean[] {
  const seen = new Set<string>();
  return model.edges.map((e) => {
    const fan = e.release ? `release\u0000${e.from}\u0000${e.label}` : `to\u0000${e.to}\u0000${e.label}`;
    const fanSize = model.edges.filter((x) =>
      e.release
        ? x.release && x.from === e.from && x.label === e.label
        : !x.release && x.to === e.to && x.label === e.label,
    ).length;
    if (fanSize < 3) return true;
    if (seen.has(fan)) return false;
    seen.add(fan);
    return true;
  });
}

export async function layoutDiagram(model: DiagramModel): Promise<DiagramLayout> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const shown = labelledEdges(model);
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      // The floor walks top to bottom, like the handbook's page; holds and cancellations sit beside the walk.
      'elk.direction': 'DOWN',
      // Right-angled arrows, as a trainee draws them: easy to follow across the page, no curves
      // sweeping over each other.
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.edgeEdge': '12',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
      // Labels are laid out with their arrows (elk reserves room for each and says where it
      // goes), beside the arrow's middle, never floating over another arrow's box.
      'elk.edgeLabels.inline': 'false',
      'elk.edgeLabels.placement': 'CENTER',
      // Break cycles (releases, "back to picking") along the rule set's own order of statuses,
      // so the walk reads forwards and the way back is drawn as the way back.
      'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
      // The order within a layer is left to crossing minimisation alone: keeping the model's
      // order there too tangled the fans into hold and cancellation (7–8 crossings on the
      // bundled rule sets, 2 without).
      'elk.layered.considerModelOrder.strategy': 'NONE',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: model.nodes.map((n) => ({
      id: nodeId(n.id),
      width: Math.max(96, textWidth(n.label) + NODE_PADDING),
      height: NODE_HEIGHT,
      ...(n.kind === 'initial' ? { layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } } : {}),
    })),
    edges: model.edges.map((e, i): ElkExtendedEdge => ({
      id: `e${i}`,
      sources: [nodeId(e.from)],
      targets: [nodeId(e.to)],
      labels: shown[i] ? [{ text: e.label, width: textWidth(e.label), height: LINE_HEIGHT }] : [],
    })),
  };
  const out = await elk.layout(graph);

  const byId = new Map((out.children ?? []).map((c) => [c.id, c]));
  const nodes: PlacedNode[] = model.nodes.map((n) => {
    const c = byId.get(nodeId(n.id));
    return { ...n, x: c?.x ?? 0, y: c?.y ?? 0, width: c?.width ?? 96, height: c?.height ?? NODE_HEIGHT };
  });
  const laidEdges = new Map((out.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  const edges: PlacedEdge[] = model.edges.map((e, i) => {
    const laid = laidEdges.get(`e${i}`);
    const points: Point[] = [];
    for (const s of laid?.sections ?? []) {
      points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    const label = laid?.labels?.[0];
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return {
      ...e,
      points,
      labelShown: shown[i] ?? true,
      labelAt: {
        x: label?.x ?? mid.x,
        y: label?.y ?? mid.y,
        width: label?.width ?? textWidth(e.label),
        height: label?.height ?? LINE_HEIGHT,
      },
    };
  });
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}

// elk ids must not collide with its own ("root", "e0"): prefix status names.
const nodeId = (status: string) => `s:${status}`;
