#!/usr/bin/env node
// The installed entry point: the bundled CLI lives in dist/ (built by `npm install` through `prepare`).
await import('../dist/airlock.mjs');
