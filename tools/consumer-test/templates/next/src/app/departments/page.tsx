import { getAuthKitClient } from '@/lib/authkit';

export default async function Departments() {
  const planday = await getAuthKitClient('planday', { label: 'portal-1' }); // the user's first pasted portal
  return <pre>{JSON.stringify(await (await planday.fetch('/hr/v1/Departments')).json(), null, 2)}</pre>;
}
