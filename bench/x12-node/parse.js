// Times the npm X12 parsers on the files MedOffice.Bench --x12 wrote: node parse.js <rounds> <file>...
// Each file is read into memory first (not timed); each round times one full parse; the best round counts.
// Prints one JSON line per parser and file: {"parser","file","mb","bestSeconds","mbPerSecond","segments"}.
'use strict';
const fs = require('node:fs');
const { Readable } = require('node:stream');
const { performance } = require('node:perf_hooks');

const parsers = {
  'node-x12': async (text) => {
    const { X12Parser } = require('node-x12');
    const interchange = new X12Parser(true).parse(text);
    let segments = 0;
    for (const group of interchange.functionalGroups) {
      for (const transaction of group.transactions) {
        segments += transaction.segments.length;
      }
    }
    return segments;
  },
  'x12-parser': (text) => new Promise((resolve, reject) => {
    const { X12parser } = require('x12-parser');
    let segments = 0;
    Readable.from([text]).pipe(new X12parser()).on('data', () => { segments++; }).on('end', () => resolve(segments)).on('error', reject);
  }),
  'node-x12-edi': async (text) => {
    const { Transaction } = require('node-x12-edi');
    const transaction = new Transaction();
    transaction.generateSegments(text);
    return transaction.segments.length;
  },
};

async function main() {
  const [rounds, ...files] = process.argv.slice(2);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const mb = Buffer.byteLength(text) / 1e6;
    for (const [name, parse] of Object.entries(parsers)) {
      let best = Infinity;
      let segments = 0;
      let error = null;
      for (let round = 0; round < Number(rounds) && !error; round++) {
        try {
          const started = performance.now();
          segments = await parse(text);
          best = Math.min(best, (performance.now() - started) / 1000);
        } catch (e) {
          error = String(e && e.message || e).slice(0, 200);
        }
      }
      console.log(JSON.stringify({ parser: name, file, mb, bestSeconds: best, mbPerSecond: error ? 0 : mb / best, segments, error }));
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
