/**
 * Requests whose body was streamed to core but not read to the end (a 413, or an answer that
 * never needed the body). Their connection is closed after the answer: a client still sending
 * the rest would otherwise leave the socket unusable for its next request.
 */
export const unreadBodies = new WeakSet<object>();
