import { getAuthKitClient } from '@/lib/authkit';

export default async function Contacts() {
  const plannr = await getAuthKitClient('plannr');
  return <pre>{JSON.stringify(await (await plannr.fetch('/api/v1/contacts')).json(), null, 2)}</pre>;
}
