// The app a user already has: Express, its sessions and its sign-in (a stand-in for a real one).
// Not README code: the README's src/authkit.ts is added to it.
import express from 'express';
import session from 'express-session';
import { readFileSync } from 'node:fs';

export const app = express();
app.use(session({ secret: process.env.SESSION_SECRET ?? 'consumer-test-session-secret', resave: false, saveUninitialized: false }));
app.post('/sign-in', express.urlencoded({ extended: false }), (req, res) => {
  req.session.userId = String(req.body.user);
  res.redirect(303, '/');
});

// The README's paste form, served as a page.
const form = readFileSync(new URL('../src/connect-planday.html', import.meta.url), 'utf8');
app.get('/connect-planday', (_req, res) => {
  res.type('html').send(form);
});
