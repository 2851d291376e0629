import type { CaseDocument, EditableField } from '../../../../common/domain/case.ts';

/** The value of an editable field ("policy.number") on a case document. */
export const getFieldValue = (doc: CaseDocument, field: EditableField): unknown => {
  const [head, tail] = field.split('.', 2);
  const value = (doc as unknown as Record<string, unknown>)[head];
  if (tail === undefined) return value;
  return (value as Record<string, unknown> | undefined)?.[tail];
};
