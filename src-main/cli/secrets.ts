/**
 * Secrets for the CLI come from the environment or a hidden prompt on a terminal, never from
 * arguments (which other users can read in the process list and shells keep in history).
 */
import { createInterface } from 'node:readline';
import { CliUsageError } from './output';

export type SecretName = 'REGIE_PASSWORD' | 'REGIE_TOTP' | 'REGIE_NEW_PASSWORD';

const prompts: Record<SecretName, string> = {
  REGIE_PASSWORD: 'Wachtwoord / password: ',
  REGIE_TOTP: 'Code uit authenticator-app / authenticator code: ',
  REGIE_NEW_PASSWORD: 'Nieuw wachtwoord / new password: ',
};

export async function readSecret(name: SecretName, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env[name];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) throw new CliUsageError(`${name} is not set and there is no terminal to ask for it`);
  return prompt(prompts[name], { hidden: name !== 'REGIE_TOTP' });
}

export function prompt(question: string, { hidden }: { hidden: boolean }): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    // Echo nothing of what is typed, but keep the question itself visible.
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    output._writeToOutput = (text: string) => {
      if (text.startsWith(question)) process.stderr.write(question);
    };
  }
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    });
  });
}
