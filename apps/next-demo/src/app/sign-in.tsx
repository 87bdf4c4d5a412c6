'use client';

import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
// The rule alone (demo-kit's main entry has Node built-ins, which a client bundle cannot take).
import { USER_NAME_PATTERN, USER_NAME_RULE } from '@authkit/demo-kit/user-name';

/**
 * The same sign-in form as the other demos, submitted the next-auth way: the "demo"
 * credentials provider checks the name with the same rule as this pattern.
 */
export function SignInForm({ title }: { title: string }) {
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const user = new FormData(event.currentTarget).get('user');
    const result = await signIn('demo', { username: typeof user === 'string' ? user : '', redirect: false });
    if (result?.ok) window.location.assign('/');
    else setError(USER_NAME_RULE);
  };
  return (
    <>
      <h1>{title}</h1>
      <p>Sign in as anyone: this stands in for your app&apos;s real login. Connections belong to the signed-in user.</p>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="notice">
          {error}
        </p>
      )}
      <form method="post" action="/api/auth/signin" onSubmit={submit} data-testid="login-form">
        <label className="field">
          User name <input type="text" name="user" autoComplete="username" required pattern={USER_NAME_PATTERN} title={USER_NAME_RULE} />
        </label>
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      <p>
        Or <a href="/api/auth/signin">sign in with a provider account</a> (Plannr, Planday, iGUIDE or the generic OAuth2 API, through next-auth).
      </p>
    </>
  );
}
