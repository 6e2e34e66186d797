import type { Command } from 'commander';
import { runConsoleChat } from '../../adapters/console/console-chat.js';
import type { ChatEvent } from '../../chat/chat-event.js';
import { ChatRateLimiter } from '../../chat/rate-limiter.js';
import { respondToEvent } from '../../chat/respond-to-event.js';
import { composeEngine, type ComposedEngine } from '../../compose.js';
import type { Config } from '../../config/types.js';
import { DriverdeskError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { bundledCorpusDir } from '../../paths.js';
import { ingestPaths } from './ingest.js';

export function registerStart(program: Command, getConfig: () => Config, getLogger: () => Logger): void {
  program
    .command('start')
    .description('run the bot: Discord and/or Slack as configured, the console when no chat tokens are set')
    .action(async () => {
      const config = getConfig();
      const logger = getLogger();
      const composed = await openOrIngest(config);
      const stats = await composed.index.stats();
      const platforms = [config.discord.token && 'Discord', config.slack.botToken && 'Slack'].filter(Boolean);
      process.stderr.write(
        `driverdesk ready: ${stats.threads} threads in ${config.db}; drafts: ${composed.drafterLabel}.\n` +
          (platforms.length > 0
            ? `chat platforms: ${platforms.join(', ')}\n`
            : 'chat platforms: none configured. Set DISCORD_TOKEN and DISCORD_APP_ID, or SLACK_BOT_TOKEN (see README "Connect to Discord" / "Connect to Slack"). Starting the console.\n'),
      );
      if (platforms.length === 0) {
        await runConsoleChat({ respond: (event) => respondToEvent({ engine: composed.engine, logger }, event) });
        composed.close();
        return;
      }
      const rateLimiter = new ChatRateLimiter(config.rateLimit);
      const respond = (event: ChatEvent) => respondToEvent({ engine: composed.engine, logger, rateLimiter }, event);
      const stops: Array<() => Promise<void>> = [];
      if (config.discord.token) {
        // Each platform SDK is loaded only when it is configured.
        const { startDiscordBot } = await import('../../adapters/discord/discord-bot.js');
        const bot = await startDiscordBot({ token: config.discord.token, apiUrl: config.discord.apiUrl, channels: config.discord.channels, respond, logger }).catch(
          (error: unknown) => platformError('Discord', 'DISCORD_TOKEN (and the Message Content intent)', error),
        );
        stops.push(bot.stop);
      }
      if (config.slack.botToken) {
        const { startSlackApp } = await import('../../adapters/slack/slack-app.js');
        const app = await startSlackApp({ slack: config.slack, respond, logger }).catch((error: unknown) =>
          platformError('Slack', config.slack.appToken ? 'SLACK_BOT_TOKEN and SLACK_APP_TOKEN' : `SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_PORT (${config.slack.port})`, error),
        );
        stops.push(app.stop);
      }
      process.stderr.write(`driverdesk is running on ${platforms.join(' and ')}; Ctrl-C stops it.\n`);
      const shutdown = async () => {
        await Promise.allSettled(stops.map((stop) => stop()));
        composed.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}

/** A platform that will not start stops the process with one line naming what to check. */
function platformError(platform: string, check: string, error: unknown): never {
  throw new DriverdeskError({
    code: 'config_invalid',
    message: `cannot start the ${platform} bot (check ${check}): ${(error as Error).message}`,
    cause: error,
  });
}

/** Opens the index; on a first run with an empty index, ingests the bundled corpus first. */
async function openOrIngest(config: Config): Promise<ComposedEngine> {
  try {
    return await composeEngine(config);
  } catch (error) {
    if (!DriverdeskError.isInstance(error) || error.code !== 'index_missing') throw error;
    process.stderr.write(`No index at ${config.db} yet: ingesting the bundled corpus first.\n`);
    await ingestPaths(config, [bundledCorpusDir()], false);
    return composeEngine(config);
  }
}
