import type { z } from 'zod';

/** The first problem zod found, as a short phrase naming the field: `"author.id" is missing`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path.join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined) return `"${path}" is missing`;
  return path === '' ? issue.message : `"${path}" ${issue.message.toLowerCase()}`;
}
