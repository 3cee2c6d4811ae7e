// A mistake in the command line (exit 2 with the command's help), in its own module so that main.ts and the
// commands do not import each other.
export class UsageError extends Error {}
