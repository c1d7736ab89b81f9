/**
 * Settings → Operators: a Supervisor adds a Trainee or a Clerk in the app (not only with the
 * command line); anyone else sees the list without the form.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OperatorsSection, operatorDraftProblems } from '../../renderer/settings/OperatorsSection';

const SUE = { id: 'sue', name: 'Sue Supervisor', role: 'Supervisor' as const };

describe('adding an operator', () => {
  it('wants an unused id, a name and a password of 8 characters', () => {
    const draft = { id: ' tia ', name: 'Tia Trainee', role: 'Trainee' as const, password: 'practice-1' };
    expect(operatorDraftProblems(draft, [SUE])).toEqual([]);
    expect(operatorDraftProblems({ ...draft, id: 'sue' }, [SUE])).toEqual([
      'There is already an operator with the ID "sue".',
    ]);
    expect(operatorDraftProblems({ ...draft, id: ' ', name: '', password: 'short' }, [])).toEqual([
      'Give an operator ID.',
      'Give the full name.',
      'The password needs at least 8 characters.',
    ]);
  });

  it('is offered to a Supervisor only', () => {
    const sup = renderToStaticMarkup(<OperatorsSection supervisor={true} />);
    expect(sup).toContain('Add an operator');
    expect(sup).toMatch(/<option value="Trainee" selected="">Trainee<\/option>/);
    expect(sup).toContain('<option value="Clerk">Clerk</option>');
    const clerk = renderToStaticMarkup(<OperatorsSection supervisor={false} />);
    expect(clerk).not.toContain('Add an operator');
    expect(clerk).toContain('Only a Supervisor may add operators.');
  });
});
