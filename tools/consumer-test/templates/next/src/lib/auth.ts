// The app's next-auth options (a stand-in for a real sign-in: any user name signs in).
// Not README code: the README's lib/authkit.ts imports it.
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';

export const authOptions: AuthOptions = {
  providers: [
    CredentialsProvider({
      credentials: { user: { label: 'User', type: 'text' } },
      authorize: async (credentials) => (credentials?.user ? { id: credentials.user } : null),
    }),
  ],
  session: { strategy: 'jwt' },
};
