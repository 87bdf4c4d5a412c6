import type { FieldView, FormView } from '@authkit/demo-kit';
import { demoAction } from '../actions';

function Field({ field }: { field: FieldView }) {
  if (field.type === 'hidden') return <input type="hidden" name={field.name} value={field.value ?? ''} />;
  return (
    <label className="field">
      {field.label}
      {field.required ? '' : ' (optional)'}
      <input type="text" name={field.name} defaultValue={field.value ?? ''} required={field.required} autoComplete="off" spellCheck={false} />
      {field.hint !== undefined && <span className="hint">{field.hint}</span>}
    </label>
  );
}

const DEMO_ACTION = /^\/demo\/(refresh|verify|mint)$/;

/**
 * A form of the view model: the connect surface's routes are plain POSTs to the route
 * handlers under /api/authkit; the demo's own buttons run as a server action.
 */
export function PostForm({ form, className, heading, primary }: { form: FormView; className?: string; heading?: string; primary?: boolean }) {
  const demo = DEMO_ACTION.exec(form.action)?.[1];
  const body = (
    <>
      {heading !== undefined && <h3>{heading}</h3>}
      {demo !== undefined && <input type="hidden" name="demo_action" value={demo} />}
      {form.fields.map((field) => (
        <Field key={field.name} field={field} />
      ))}
      <button type="submit" className={primary ? 'primary' : undefined}>
        {form.button}
      </button>
    </>
  );
  return demo !== undefined ? (
    <form action={demoAction} data-testid={form.testId} className={className}>
      {body}
    </form>
  ) : (
    <form method="post" action={form.action} data-testid={form.testId} className={className}>
      {body}
    </form>
  );
}
