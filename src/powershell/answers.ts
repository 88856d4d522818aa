import { z } from 'zod';
import { parseYamlDocument, validateYaml } from '../scenario/index.js';

/** The `--answers` file: what the person at the console would have typed, and where the script's files are. */
export const answersSchema = z.strictObject({
  /** Read-Host answers, in order; when they run out Read-Host gets an empty line (Enter). */
  readHost: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  /** Answers to confirmation prompts (ShouldContinue: Stop-AzureVM on the last VM), in order: Y or N; Enter (the default, Y) when they run out. */
  confirm: z.array(z.string().regex(/^(y|yes|n|no)$/i, 'a confirmation answer is Y or N')).default([]),
  /** What Get-Credential returns. */
  credential: z.strictObject({ user: z.string().min(1), password: z.string() }).default({ user: 'azureuser', password: 'Passw0rd!' }),
  /** Windows paths the script reads, mapped to local files (relative to the answers file). */
  files: z.record(z.string(), z.string()).default({}),
  /** Documentation placeholders (`<Proposed cloud service name>`) and the values to put in their place. */
  placeholders: z.record(z.string().regex(/^<[^<>]+>$/, 'a placeholder is written <like this>'), z.string()).default({}),
  /** Values for the script's param() block. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).default({}),
});

/** The answers, validated. */
export type Answers = z.output<typeof answersSchema>;

/** No answers file: empty Read-Host answers, a default credential, no files, no placeholders. */
export const DEFAULT_ANSWERS: Answers = answersSchema.parse({});

/** Reads an answers file's text; errors carry file:line:column. */
export function parseAnswers(text: string, file: string): Answers {
  return validateYaml(parseYamlDocument(text, file), answersSchema);
}
