// The examples that ship exploration scenario modules (examples/<name>/explore.ts). Its own module so the CLI's
// help can name them without loading the explorer (and its worker pool) for every command.
export const EXPLORE_EXAMPLES = ['uart', 'spi', 'audio-ring', 'sercx2-uart', 'sercx2-ring'] as const;
