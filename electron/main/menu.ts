/** The application menu: File > Open journal…, Import events…; Help > About. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openJournal(): void;
  importEvents(): void;
  about(): void;
}

export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform) {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open journal…', accelerator: 'CmdOrCtrl+O', click: () => actions.openJournal() },
        { label: 'Import events…', accelerator: 'CmdOrCtrl+I', click: () => actions.importEvents() },
        { type: 'separator' },
        platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'About Warehouse Ledger', click: () => actions.about() }] },
  ];
  if (platform === 'darwin') template.unshift({ role: 'appMenu' });
  return template;
}
