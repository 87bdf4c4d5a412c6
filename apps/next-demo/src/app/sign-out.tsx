'use client';

import { signOut } from 'next-auth/react';

/** Signs out through next-auth, back to the sign-in form. */
export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: '/' })}>
      Sign out
    </button>
  );
}
