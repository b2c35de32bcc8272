// A TCP proxy on 127.0.0.1 between a venue hub and its upstream: cutting it is the uplink
// going away (venue-hub.md: cut by stopping a proxy, never by touching the network).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  url: string;
  /** Drop every connection and refuse new ones until `restore`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  const cut = () => {
    open = false;
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut,
    restore() {
      open = true;
    },
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same proxy as a process of its own: the uplink goes when the process is killed,
 * and comes back when it starts again on its address (end-to-end tests). */
export interface ProxyProcess {
  url: string;
  /** SIGKILL the proxy: every connection through it drops at once. */
  stop(): Promise<void>;
  /** Start it again on the same address. */
  start(): Promise<void>;
  close(): Promise<void>;
}

// Plain Node, no loader: it starts in a few milliseconds.
const PROXY_MAIN = `
const net = require('node:net');
const [, target, port] = process.argv;
const up = new URL(target);
net.createServer((client) => {
  const upstream = net.connect(Number(up.port), up.hostname);
  const drop = () => { client.destroy(); upstream.destroy(); };
  client.on('error', drop).on('close', drop);
  upstream.on('error', drop).on('close', drop);
  client.pipe(upstream);
  upstream.pipe(client);
}).listen(Number(port), '127.0.0.1', function () { console.log('port ' + this.address().port); });
`;

export async function startProxyProcess(target: string): Promise<ProxyProcess> {
  let child: ChildProcess | undefined;
  let port = 0;
  const start = async () => {
    const proc = spawn(process.execPath, ['-e', PROXY_MAIN, target, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = proc;
    port = await new Promise<number>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        const m = /port (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
      proc.once('exit', (code) => reject(new Error(`proxy exited (${code})`)));
    });
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `http://127.0.0.1:${port}`, stop, start, close: stop };
}
