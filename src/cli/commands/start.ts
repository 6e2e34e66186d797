import type { Command } from 'commander';
import { runConsoleChat } from '../../adapters/console/console-chat.js';
import { chatResponder, composeOrIngestBundled, configuredPlatforms, startChatPlatforms } from '../../compose.js';
import type { Config } from '../../config/types.js';
import type { Logger } from '../../logger.js';
import { createProgressReporter } from '../ingest-progress.js';

export function registerStart(program: Command, getConfig: () => Config, getLogger: () => Logger): void {
  program
    .command('start')
    .description('run the bot: Discord and/or Slack as configured, the console when no chat tokens are set')
    .action(async () => {
      const config = getConfig();
      const logger = getLogger();
      const reporter = createProgressReporter();
      const composed = await composeOrIngestBundled(config, {
        onFirstRun: () => process.stderr.write(`No index at ${config.db} yet: ingesting the bundled corpus first.\n`),
        reporter,
        logger,
      }).finally(() => reporter.stop());
      const stats = await composed.index.stats();
      const platforms = configuredPlatforms(config);
      process.stderr.write(
        `driverdesk ready: ${stats.threads} threads in ${config.db}; drafts: ${composed.drafterLabel}.\n` +
          (platforms.length > 0
            ? `chat platforms: ${platforms.join(', ')}\n`
            : 'chat platforms: none configured. Set DISCORD_TOKEN and DISCORD_APP_ID, or SLACK_BOT_TOKEN (see README "Connect to Discord" / "Connect to Slack"). Starting the console.\n'),
      );
      if (platforms.length === 0) {
        await runConsoleChat({ respond: chatResponder(config, composed, logger) });
        await composed.close();
        return;
      }
      const running = await startChatPlatforms(config, composed, logger, (platform) =>
        process.stderr.write(`${platform.name} connected (${platform.detail}).\n`),
      ).catch(async (error: unknown) => {
        await composed.close();
        throw error;
      });
      process.stderr.write(`driverdesk is running on ${platforms.join(' and ')}; Ctrl-C stops it.\n`);
      const shutdown = async () => {
        await Promise.allSettled(running.map((platform) => platform.stop()));
        await composed.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
