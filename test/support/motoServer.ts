// A real AWS Secrets Manager API for the store tests: moto's server (moto 5.2.1, on the machine image; PyPI is
// out of reach, so it cannot be installed by the tests). A missing moto_server fails loudly, never skips: the
// store tests are the proof that deploy, switch and retire work. See ../shared/notes/secrets-stores.md for where
// moto differs from AWS.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as http from 'http';
import { freePort } from '../host/freePort';

export interface MotoServer {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  pid: number;
  /** Clears every secret (`POST /moto-api/reset`): call between tests. */
  reset(): Promise<void>;
  /** The environment the SDK's own chain reads: endpoint, region and dummy credentials, nothing else. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const MOTO_REGION = 'us-east-1';

function request(method: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export function motoServerPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || !path) {
    throw new Error(
      'moto_server is not on PATH: the AWS Secrets Manager tests need moto 5.2.1 from the machine image (it cannot be installed from npm or apt)',
    );
  }
  return path;
}

/** Starts moto on a free port of 127.0.0.1 and waits (up to 60 s) until it answers. */
export async function startMotoServer(): Promise<MotoServer> {
  const executable = motoServerPath();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(executable, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: false,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`moto_server exited with ${exited} before answering:\n${stderr}`);
    try {
      if ((await request('GET', `${endpoint}/moto-api/`)) === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${endpoint} within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid as number;
  return {
    endpoint,
    port,
    pid,
    env: {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
      AWS_REGION: MOTO_REGION,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    async reset() {
      const status = await request('POST', `${endpoint}/moto-api/reset`);
      if (status !== 200) throw new Error(`moto reset answered ${status}`);
    },
    stop() {
      if (exited !== undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        process.kill(pid, 'SIGTERM');
        setTimeout(() => {
          if (exited === undefined) process.kill(pid, 'SIGKILL');
        }, 3000).unref();
      });
    },
  };
}
