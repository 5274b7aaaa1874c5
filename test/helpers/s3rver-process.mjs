// Runs s3rver on 127.0.0.1 with a free port and prints {"port":N} once it listens.
// Started by s3rver.ts in its own process with NODE_OPTIONS=--openssl-legacy-provider, which
// s3rver's DES continuation tokens need for listings past 1,000 keys (jamhall/s3rver#818).
import S3rver from 's3rver';

const [directory, ...buckets] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
// SIGTERM's default action ends this helper process; s3rver keeps nothing in memory to flush.
