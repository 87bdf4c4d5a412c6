import type { DemoCredentialView, MethodView } from '@authkit/demo-kit';
import { PostForm } from './post-form';

function DemoCredential({ demo }: { demo: DemoCredentialView | undefined }) {
  if (demo === undefined) return null;
  if (demo.kind === 'in_use')
    return (
      <div className="demo-credential" data-testid="demo-in-use">
        <p>{demo.text}</p>
        <PostForm form={demo.mint} />
      </div>
    );
  return (
    <div className="demo-credential">
      {demo.items.map((item) => (
        <div key={item.testId}>
          {item.label}: <code data-testid={item.testId}>{item.value}</code>
        </div>
      ))}
    </div>
  );
}

/** One way to connect: a link into the provider's consent page, or a form posting to the surface. */
export function ConnectMethod({ method }: { method: MethodView }) {
  if (method.kind === 'link')
    return (
      <p>
        <a className="button primary" data-testid={method.testId} href={method.href}>
          {method.title}
        </a>
      </p>
    );
  return (
    <div className="method-form">
      <PostForm form={method.form} className="connect" heading={method.title} />
      <DemoCredential demo={method.demo} />
    </div>
  );
}
