import type { ReactNode } from 'react';
import { DEMO_CSS, FAVICON_TYPE } from '@authkit/demo-kit';

export const metadata = { title: 'AuthKit Next.js demo', icons: { icon: { url: '/favicon.svg', type: FAVICON_TYPE } } };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        {/* The demos' one stylesheet, from demo-kit (system fonts only: the build downloads nothing). */}
        <style dangerouslySetInnerHTML={{ __html: DEMO_CSS }} />
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
