/** The email job queues: sending a batch of messages, launching a broadcast. */
export const sendQueue = 'email.send';
export const launchQueue = 'email.broadcast';
