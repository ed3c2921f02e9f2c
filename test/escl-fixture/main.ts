// The fixture scanner on its own, for trying the station (or any eSCL client) by hand:
//   npx tsx test/escl-fixture/main.ts --sheets 10 [--jam-after 4] [--not-ready 2]
//   SOHOA_ESCL_URLS=<printed URL> npm start
import { parseArgs } from 'node:util';
import { startEsclFixture } from './server';

const { values } = parseArgs({
  options: {
    sheets: { type: 'string', default: '10' },
    'jam-after': { type: 'string' },
    'not-ready': { type: 'string' },
  },
});

const fixture = await startEsclFixture({
  sheets: Number(values.sheets),
  jamAfterSheets: values['jam-after'] === undefined ? undefined : Number(values['jam-after']),
  notReady: values['not-ready'] === undefined ? undefined : { count: Number(values['not-ready']), retryAfter: 1 },
});
console.log(`eSCL fixture "${fixture.identity.makeAndModel}" (escl:${fixture.identity.uuid}) at ${fixture.url}`);
const stop = () => void fixture.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
