// Test-only preload (NODE_OPTIONS=--require): the azure CLI sleeps 30 s before each long-running-operation poll and
// never sets the SDK's timeouts (asm-api.md §1.4); this turns exactly that timer into 50 ms. Nothing else changes.
const originalSetTimeout = global.setTimeout;
const CLI_POLL_SLEEP_MS = 30000;
const TEST_POLL_SLEEP_MS = 50;
global.setTimeout = function setTimeout(callback, ms, ...args) {
  return originalSetTimeout(callback, ms === CLI_POLL_SLEEP_MS ? TEST_POLL_SLEEP_MS : ms, ...args);
};
