import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CaseDocument, EditableField } from '../../../../common/domain/case.ts';
import { getFieldValue } from './caseFields.ts';
import { CHOICES, fieldKind, fieldLabel, formatFieldValue, parseFieldInput, toInputText } from './fields.ts';
import { useCasesStore } from '../../stores/cases/index.ts';

type Props = { doc: CaseDocument; field: EditableField; label?: string; display?: ReactNode; wide?: boolean };

/**
 * A fact of the case that can be changed in place: Edit shows an input checked as it is typed; Save
 * sends the one field to core, which records it as an event (and checks it again).
 */
export const EditableFact = ({ doc, field, label, display, wide }: Props) => {
  const updateFields = useCasesStore((s) => s.updateFields);
  const name = label ?? fieldLabel(field);
  const current = getFieldValue(doc, field);
  const kind = fieldKind(field);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [checked, setChecked] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const start = () => {
    setText(toInputText(field, current));
    setChecked(current === true);
    setServerError(null);
    setEditing(true);
  };
  const parsed = parseFieldInput(field, kind === 'boolean' ? checked : text);
  const shownError = serverError ?? (parsed.ok ? null : parsed.message);

  const save = async () => {
    if (!parsed.ok) return;
    if ((current ?? null) === parsed.value) {
      setEditing(false);
      return;
    }
    setBusy(true);
    const result = await updateFields({ [field]: parsed.value });
    setBusy(false);
    if (!result.ok) setServerError(result.error.message);
    else setEditing(false);
  };

  if (!editing) {
    return (
      <div className={`fact editable${wide ? ' fact-wide' : ''}`}>
        <dt>{name}</dt>
        <dd>
          <span className="fact-value">{display ?? formatFieldValue(field, current)}</span>
          <button type="button" className="button button-quiet edit-button" aria-label={`Edit ${name}`} onClick={start}>
            Edit
          </button>
        </dd>
      </div>
    );
  }

  const common = {
    id: inputId,
    'aria-invalid': shownError !== null,
    'aria-describedby': shownError ? errorId : undefined,
    autoFocus: true,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setEditing(false);
      }
    },
  };

  return (
    <div className={`fact is-editing${wide || kind === 'longText' ? ' fact-wide' : ''}`}>
      <dt>
        <label htmlFor={inputId}>{name}</label>
      </dt>
      <dd>
        <form
          className="edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {kind === 'boolean' ? (
            <input type="checkbox" {...common} checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          ) : kind === 'choice' ? (
            <select className="input select" {...common} value={text} onChange={(e) => setText(e.target.value)}>
              {CHOICES[field]?.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          ) : kind === 'longText' ? (
            <textarea className="input textarea" rows={4} {...common} value={text} onChange={(e) => setText(e.target.value)} />
          ) : (
            <input
              className="input"
              type={kind === 'date' ? 'date' : kind === 'dateTime' ? 'datetime-local' : 'text'}
              inputMode={kind === 'money' || kind === 'number' ? 'decimal' : undefined}
              {...common}
              value={text}
              onChange={(e) => {
                setServerError(null);
                setText(e.target.value);
              }}
            />
          )}
          <button type="submit" className="button button-primary" disabled={!parsed.ok || busy}>
            Save
          </button>
          <button type="button" className="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
        {shownError && (
          <p id={errorId} className="form-error" role="alert">
            {shownError}
          </p>
        )}
      </dd>
    </div>
  );
};
