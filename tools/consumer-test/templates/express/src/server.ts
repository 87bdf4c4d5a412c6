// Starts the app: the user's app, then the README's AuthKit wiring, then listen.
import { app } from './app.js';
import './authkit.js';

const port = Number(process.env.PORT);
app.listen(port, '127.0.0.1', () => console.log(`express consumer listening on ${port}`));
