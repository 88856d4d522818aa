// Test-only preload for the real azure CLI (NODE_OPTIONS=--require …): the CLI's long-running-operation wrappers
// sleep setTimeout(…, 30000) before every poll and offer no option to shorten it (asm-api.md §1.4 item 4). This turns
// exactly that delay into VNETSIM_LRO_SLEEP_MS (default 100 ms); every other timer keeps its own delay.
'use strict';
const LRO_SLEEP_MS = 30000;
const shortened = Number(process.env.VNETSIM_LRO_SLEEP_MS ?? '100');
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutWithShortLroSleep(callback, delay, ...args) {
  return originalSetTimeout(callback, delay === LRO_SLEEP_MS ? shortened : delay, ...args);
};
