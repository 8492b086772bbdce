// The Responses API's documented bounds, shared by the handlers, the store and /docs.

/** How long a stored response (store: true) is kept. */
export const RESPONSE_RETENTION_DAYS = 30;
/** How long a `previous_response_id` chain may grow (items and bytes) before it is refused. */
export const MAX_CHAIN_ITEMS = 1000;
export const MAX_CHAIN_BYTES = 4 * 1024 * 1024;
