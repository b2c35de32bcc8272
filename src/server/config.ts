// The server's settings from the environment, parsed once at start with zod: a wrong value
// stops the start with a message naming the variable, instead of a port of NaN or a
// certificate path that fails on the first tablet's handshake.
//   HADIR_PORT · HADIR_HTTP_PORT · HADIR_HOST · HADIR_DATA_DIR · HADIR_STATIC_DIR
//   HADIR_TLS (local | off) · HADIR_TLS_CERT + HADIR_TLS_KEY · HADIR_TLS_NAMES · HADIR_PUBLIC_URL
//   HADIR_TRUST_PROXY
// and, for the log, the fault-injection hooks and the admin command (processSettings):
//   HADIR_LOG (silent) · HADIR_TEST_HOOKS · HADIR_ADMIN_PASSWORD
import * as z from 'zod/mini';
import { parseTrustProxy } from '#server/proxy';

/** A start-up failure whose message is for the person at the laptop (Indonesian + English). */
export class StartupError extends Error {
  override name = 'StartupError';
}

const PORT = 'nomor port 0–65535 / a port number 0–65535';
const Port = z
  .pipe(z.string().check(z.regex(/^\d{1,5}$/, PORT)), z.transform(Number))
  .check(z.refine((n) => n <= 65_535, PORT));

/** "a, b ,c" → ['a', 'b', 'c']: extra names or addresses for the local certificate. */
const List = z.pipe(
  z.string(),
  z.transform((s) =>
    s
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  ),
);

const Env = z.object({
  HADIR_PORT: z.optional(Port),
  HADIR_HTTP_PORT: z.optional(Port),
  HADIR_HOST: z._default(z.string(), '0.0.0.0'),
  HADIR_DATA_DIR: z._default(z.string(), './data'),
  HADIR_STATIC_DIR: z._default(z.string(), './dist'),
  HADIR_TLS: z.optional(z.enum(['local', 'off'], 'local atau off / local or off')),
  HADIR_TLS_CERT: z.optional(z.string()),
  HADIR_TLS_KEY: z.optional(z.string()),
  HADIR_TLS_NAMES: z._default(List, []),
  HADIR_TRUST_PROXY: z.optional(z.string()),
  HADIR_PUBLIC_URL: z.optional(
    z.url({ protocol: /^https?$/, error: 'alamat http(s)://… / an http(s)://… address' }),
  ),
});

/** How the server speaks TLS: its own local CA, or the office's certificate files. */
export type TlsSetting = { kind: 'local' } | { kind: 'files'; certPath: string; keyPath: string };

export interface Config {
  /** Unset: 8443 with TLS, 8080 without (resolved by the caller, which knows the TLS mode). */
  port: number | undefined;
  /** The plain-HTTP port beside HTTPS (redirects, the install page); unset: 8080. */
  httpPort: number | undefined;
  host: string;
  dataDir: string;
  staticDir: string;
  tls: TlsSetting | undefined;
  tlsNames: string[];
  publicUrl: string | undefined;
  /** The reverse proxies whose X-Forwarded-For/-Proto are believed (proxy.ts syntax). */
  trustProxy: string | undefined;
}

/** Parse the HADIR_ variables with a schema; a wrong one is a StartupError naming it. */
function parseEnv<T>(schema: z.ZodMiniType<T>, env: NodeJS.ProcessEnv): T {
  // An empty variable is an unset one: `HADIR_TLS= npm start`, or a blank line in a unit file.
  const set = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('HADIR_') && v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new StartupError(`Pengaturan tidak sah / Invalid settings:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

const ProcessEnv = z.object({
  /** `silent` turns the log off; any other value leaves it on (never a reason to fail). */
  HADIR_LOG: z.optional(z.string()),
  /** Fault injection for the protocol's tests (hooks.ts): name[:number],… */
  HADIR_TEST_HOOKS: z._default(
    z.string().check(z.regex(/^[a-z-]+(:\d+)?(,[a-z-]+(:\d+)?)*$/, 'nama[:angka],… / name[:n],…')),
    '',
  ),
  HADIR_ADMIN_PASSWORD: z.optional(z.string()),
});

export interface ProcessSettings {
  silentLog: boolean;
  testHooks: string;
  adminPassword: string | undefined;
}

/** What the log, the fault hooks and the admin command read (each once, when it first
 * needs it: a test process may set HADIR_LOG after the modules have loaded). */
export function processSettings(env: NodeJS.ProcessEnv = process.env): ProcessSettings {
  return toProcessSettings(parseEnv(ProcessEnv, env));
}

const toProcessSettings = (e: z.infer<typeof ProcessEnv>): ProcessSettings => ({
  silentLog: e.HADIR_LOG === 'silent',
  testHooks: e.HADIR_TEST_HOOKS,
  adminPassword: e.HADIR_ADMIN_PASSWORD,
});

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(Env, env);
  processSettings(env); // the same start stops on a wrong HADIR_LOG or HADIR_TEST_HOOKS
  return {
    port: e.HADIR_PORT,
    httpPort: e.HADIR_HTTP_PORT,
    host: e.HADIR_HOST,
    dataDir: e.HADIR_DATA_DIR,
    staticDir: e.HADIR_STATIC_DIR,
    tls: tlsSetting(e.HADIR_TLS, e.HADIR_TLS_CERT, e.HADIR_TLS_KEY),
    tlsNames: e.HADIR_TLS_NAMES,
    publicUrl: e.HADIR_PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: checkedTrustProxy(e.HADIR_TRUST_PROXY),
  };
}

function checkedTrustProxy(spec: string | undefined): string | undefined {
  try {
    parseTrustProxy(spec);
  } catch (e) {
    throw new StartupError(
      `Pengaturan tidak sah / Invalid settings:\n  ${(e as Error).message}\n` +
        '  (alamat IP, rentang CIDR seperti 10.0.0.0/8, atau "loopback")',
    );
  }
  return spec;
}

function tlsSetting(
  mode: 'local' | 'off' | undefined,
  certPath: string | undefined,
  keyPath: string | undefined,
): TlsSetting | undefined {
  if (certPath !== undefined || keyPath !== undefined) {
    if (certPath === undefined || keyPath === undefined) {
      const missing = certPath === undefined ? 'HADIR_TLS_CERT' : 'HADIR_TLS_KEY';
      throw new StartupError(
        `${missing} belum diisi: HADIR_TLS_CERT dan HADIR_TLS_KEY dipakai berdua.\n` +
          `${missing} is not set: HADIR_TLS_CERT and HADIR_TLS_KEY go together.`,
      );
    }
    if (mode !== undefined) {
      throw new StartupError(
        `Pilih salah satu: HADIR_TLS=${mode} atau HADIR_TLS_CERT/HADIR_TLS_KEY.\n` +
          `Choose one: HADIR_TLS=${mode} or HADIR_TLS_CERT/HADIR_TLS_KEY.`,
      );
    }
    return { kind: 'files', certPath, keyPath };
  }
  return mode === 'local' ? { kind: 'local' } : undefined;
}
