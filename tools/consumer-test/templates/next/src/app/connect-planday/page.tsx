export default function ConnectPlanday() {
  return (
    <form method="post" action="/api/authkit/planday/refresh-token">
      <input name="refreshToken" placeholder="Planday refresh token" required />
      <input type="hidden" name="returnTo" value="/departments" />
      <button>Connect Planday</button>
    </form>
  );
}
