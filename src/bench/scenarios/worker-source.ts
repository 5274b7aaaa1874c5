/**
 * The inference worker, as CommonJS source run with `new Worker(source, { eval: true })`: one
 * file that works the same from dist/ and from TypeScript sources under tsx or vitest. Each
 * worker opens its own session (onnxruntime-node's run() blocks its thread, so concurrent
 * requests need one thread each), runs once to warm up, then answers {type:'run'} messages with
 * the service time it measured itself.
 */
export const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortEntry);
(async () => {
  const session = await ort.InferenceSession.create(workerData.model, workerData.sessionOptions);
  const feeds = {};
  for (const feed of workerData.feeds) feeds[feed.name] = new ort.Tensor(feed.type, feed.data, feed.dims);
  for (let i = 0; i < workerData.warmupRuns; i++) await session.run(feeds);
  parentPort.on('message', async (message) => {
    if (message.type === 'run') {
      const start = process.hrtime.bigint();
      await session.run(feeds);
      parentPort.postMessage({ type: 'done', serviceNs: Number(process.hrtime.bigint() - start) });
    } else if (message.type === 'close') {
      await session.release();
      parentPort.close();
    }
  });
  parentPort.postMessage({ type: 'ready' });
})().catch((error) => parentPort.postMessage({ type: 'error', message: String(error && error.message || error) }));
`;
