import type { ReactNode } from 'react';
import type { DemoCredentials } from '@authkit/demo-kit';
import type { ConnectForm as FormKind, DemoSystem } from '@/lib/systems';
import { connectApiKey, connectClientCredentials, connectIguideApiToken, connectPlandayRefreshToken, connectPlannrPat } from './actions';

interface Field {
  name: string;
  label: string;
  placeholder: string;
  size?: number;
}

/** A form for a credential a person pastes, and where the sandbox's demo value for it shows. */
interface PasteFormSpec {
  action: (form: FormData) => Promise<void>;
  fields: Field[];
  button: string;
  demo(credentials: DemoCredentials): ReactNode;
}

const cred = (testId: string, value: string | undefined): ReactNode => (
  <code className="cred" data-testid={testId}>
    {value}
  </code>
);

const PASTE_FORMS: Record<Exclude<FormKind, 'client-credentials'>, PasteFormSpec> = {
  'planday-refresh-token': {
    action: connectPlandayRefreshToken,
    fields: [{ name: 'refreshToken', label: 'Planday refresh token', placeholder: 'refresh token', size: 50 }],
    button: 'Connect Planday portal',
    demo: (c) => cred('demo-planday-refresh-token', c.plandayRefreshToken),
  },
  'iguide-api-token': {
    action: connectIguideApiToken,
    fields: [
      { name: 'tokenId', label: 'iGUIDE token id', placeholder: 'token id' },
      { name: 'tokenValue', label: 'iGUIDE token value', placeholder: 'token value', size: 40 },
    ],
    button: 'Connect iGUIDE token',
    demo: (c) => (
      <>
        id {cred('demo-iguide-token-id', c.iguideApiToken?.id)}, value {cred('demo-iguide-token-value', c.iguideApiToken?.token)}
      </>
    ),
  },
  'plannr-pat': {
    action: connectPlannrPat,
    fields: [{ name: 'token', label: 'Plannr personal access token', placeholder: 'personal access token', size: 50 }],
    button: 'Connect Plannr PAT',
    demo: (c) => cred('demo-plannr-pat', c.plannrPat),
  },
  'api-key': {
    action: connectApiKey,
    fields: [{ name: 'key', label: 'API key', placeholder: 'API key', size: 50 }],
    button: 'Connect API key',
    demo: (c) => cred('demo-api-key', c.apiKey),
  },
};

/** One of a system's connect forms (see `DemoSystem.forms`). */
export function ConnectForm({ form, credentials }: { form: DemoSystem['forms'][number]; credentials: DemoCredentials | undefined }) {
  if (form.form === 'client-credentials') {
    return (
      <form action={connectClientCredentials} data-testid="form-client-credentials">
        <button type="submit">Connect with client credentials</button>
      </form>
    );
  }
  const spec = PASTE_FORMS[form.form];
  return (
    <form action={spec.action} data-testid={`form-${form.form}`}>
      <fieldset>
        <legend>{form.title}</legend>
        {spec.fields.map((field) => (
          <input key={field.name} name={field.name} aria-label={field.label} placeholder={field.placeholder} size={field.size} required />
        ))}
        <button type="submit">{spec.button}</button>
        {credentials && <p>Demo: {spec.demo(credentials)}</p>}
      </fieldset>
    </form>
  );
}
