/**
 * The browser the report's tests and its bench drive: Debian's chromium (`npm test` and `npm run
 * bench` install it when missing: scripts/ensure-chromium.mjs), never a downloaded one;
 * CHROMIUM_PATH names another.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** Headless, without a sandbox (tests run as root in CI), and quiet: no network of its own. */
export const CHROMIUM_FLAGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
