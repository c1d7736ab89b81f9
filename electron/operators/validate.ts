/**
 * What a new operator must be: checked before anything is written, with a sentence that says
 * which field is wrong and why.
 */
import { OPERATOR_ROLES, type OperatorRole } from '../../shared/events/envelope';
import { describeCodePoint, firstHiddenCharacter } from '../../shared/text/hidden';
import { MIN_PASSWORD_LENGTH } from './passwords';

export interface NewOperator {
  id: string;
  name: string;
  role: OperatorRole;
  password: string;
}

/** The first thing wrong with a new operator, or undefined when it is fine. */
export function operatorProblem(input: NewOperator): string | undefined {
  if (typeof input.id !== 'string' || input.id.trim().length === 0) return 'operator id must not be empty';
  if (input.id.length > 64) return `operator id is too long (${input.id.length} characters, at most 64)`;
  if (input.id !== input.id.trim()) return `operator id ${JSON.stringify(input.id)} must not start or end with blanks`;
  if (typeof input.name !== 'string' || input.name.trim().length === 0) return 'operator name must not be empty';
  if (input.name.length > 256) return 'operator name is too long (at most 256 characters)';
  // Who wrote a correction is shown by id and name: neither may display as something it is not.
  // Names may keep the zero-width (non-)joiners some scripts spell words with.
  const hiddenInId = firstHiddenCharacter(input.id);
  if (hiddenInId) return hiddenProblem('id', hiddenInId);
  const hiddenInName = firstHiddenCharacter(input.name, [0x200c, 0x200d]);
  if (hiddenInName) return hiddenProblem('name', hiddenInName);
  if (!(OPERATOR_ROLES as readonly string[]).includes(input.role)) {
    return `unknown operator role ${JSON.stringify(input.role)} (one of ${OPERATOR_ROLES.join(', ')})`;
  }
  if (typeof input.password !== 'string' || input.password.length < MIN_PASSWORD_LENGTH) {
    return `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  return undefined;
}

function hiddenProblem(field: 'id' | 'name', hidden: { position: number; codePoint: number }): string {
  return (
    `operator ${field} holds ${describeCodePoint(hidden.codePoint)} at character ${hidden.position}: ` +
    'control and text-direction characters make a name display as something else, type it without them'
  );
}
