/**
 * Lays out what the core presented (src-main/records/presentation): labels from their keys, values
 * as given. Reads no FHIR: a name that is a record in the profile opens it.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresentedField, PresentedGroup } from '../../../../src-preload/contract/records';
import { RangeMarker } from '../common/RangeMarker';
import { useRecordsNavigation } from '../navigation';

function FieldValue({ field }: { field: PresentedField }) {
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  if (field.names) {
    return (
      <>
        {field.names.map((name, index) => (
          <Fragment key={index}>
            {index > 0 && '; '}
            {name.recordId ? (
              <button type="button" className="link-button" onClick={() => openDetail(name.recordId!)}>
                {name.text}
              </button>
            ) : (
              name.text
            )}
          </Fragment>
        ))}
      </>
    );
  }
  if (field.key === 'value') {
    return (
      <span className="value-line" data-testid="observation-value">
        <span className="value-main">{field.text}</span>
        {field.flag && <RangeMarker flag={field.flag} />}
      </span>
    );
  }
  return field.multiline ? <span className="pre-line">{field.text}</span> : <>{field.text}</>;
}

export function PresentedFields({ fields, testId, compact = false }: { fields: PresentedField[]; testId?: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <dl className={compact ? 'fields fields-compact' : 'fields'} data-testid={testId}>
      {fields.map((field, index) => (
        <div key={`${field.key}-${index}`} className="field-row">
          <dt>{field.label ?? t(`records.fields.${field.key}`)}</dt>
          <dd>
            <FieldValue field={field} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Items with their own name read as a table's rows (a blood pressure's parts); others as lists of fields. */
function GroupBody({ group }: { group: PresentedGroup }) {
  const { t } = useTranslation();
  const titled = group.items.every((item) => item.title !== null);
  if (titled && group.items.some((item) => item.fields.some((f) => f.multiline))) {
    // Parts of a letter: each under its own heading, its text as written.
    return (
      <>
        {group.items.map((item, index) => (
          <section key={index} className="detail-subsection">
            <h4>{item.title}</h4>
            {item.fields.length === 1 && item.fields[0]!.key === 'text' ? (
              <p className="pre-line">{item.fields[0]!.text}</p>
            ) : (
              <PresentedFields fields={item.fields} compact />
            )}
          </section>
        ))}
      </>
    );
  }
  if (titled) {
    const keys = [...new Set(group.items.flatMap((item) => item.fields.map((f) => f.key)))];
    return (
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t(`records.groupItem.${group.key}`)}</th>
            {keys.map((key) => (
              <th key={key} scope="col">
                {t(`records.fields.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {group.items.map((item, index) => (
            <tr key={index}>
              <th scope="row">{item.title}</th>
              {keys.map((key) => {
                const field = item.fields.find((f) => f.key === key);
                return <td key={key}>{field && <FieldValue field={field} />}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (group.items.length === 1) return <PresentedFields fields={group.items[0]!.fields} />;
  return (
    <ul className="plain-list">
      {group.items.map((item, index) => (
        <li key={index}>
          <PresentedFields fields={item.fields} compact />
        </li>
      ))}
    </ul>
  );
}

export function PresentedGroups({ groups }: { groups: PresentedGroup[] }) {
  const { t } = useTranslation();
  return (
    <>
      {groups.map((group) => (
        <div key={group.key} className="detail-block">
          <h3>{t(`records.blocks.${group.key}`)}</h3>
          <GroupBody group={group} />
        </div>
      ))}
    </>
  );
}
