/**
 * Settings → Import folder: shown, never typed. Under Electron a Supervisor gets "Choose folder…"
 * (the main process's dialog); the browser host says it is set from the command line.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ImportFolderCard } from '../../renderer/settings/SettingsPage';
import { IMPORT_FOLDER_FROM_COMMAND_LINE } from '../../shared/contract/channels';

const base = { busy: false, error: null, onChoose: () => {}, onTurnOff: () => {} };

describe('the import folder on the Settings page', () => {
  it('shows the folder with no field to type a path in, and a folder dialog for a Supervisor under Electron', () => {
    const html = renderToStaticMarkup(
      <ImportFolderCard {...base} folder="/srv/warehouse/drop" supervisor={true} canChoose={true} />,
    );
    expect(html).toContain('Import folder');
    expect(html).not.toContain('Inbox folder');
    expect(html).toContain('/srv/warehouse/drop');
    expect(html).not.toMatch(/<input/);
    expect(html).toContain('Choose folder…');
    expect(html).toContain('Turn off');
    expect(html).not.toContain('command line');
  });

  it('in the browser host says the folder is set from the command line, and offers no dialog', () => {
    const html = renderToStaticMarkup(<ImportFolderCard {...base} folder={null} supervisor={true} canChoose={false} />);
    expect(html).not.toContain('Choose folder…');
    expect(html).not.toMatch(/<input/);
    expect(html).toContain(IMPORT_FOLDER_FROM_COMMAND_LINE.slice(0, 40));
    expect(html).toContain('warehouse-ledger settings import-folder DIR');
  });

  it('offers a Clerk nothing to change', () => {
    const html = renderToStaticMarkup(
      <ImportFolderCard {...base} folder="/srv/warehouse/drop" supervisor={false} canChoose={true} />,
    );
    expect(html).not.toContain('Choose folder…');
    expect(html).not.toContain('Turn off');
    expect(html).toContain('Only a Supervisor may change the import folder.');
  });
});
