import type { Command } from 'commander';
import { registerDiscordCommands } from '../../adapters/discord/register-commands.js';
import type { Config } from '../../config/types.js';
import { DriverdeskError } from '../../errors.js';

export function registerRegister(program: Command, getConfig: () => Config): void {
  program
    .command('register')
    .description('register the /ask, /similar, /solved and /forget slash commands with Discord (in DISCORD_GUILD_ID only, when set)')
    .action(async () => {
      const { discord } = getConfig();
      if (!discord.token || !discord.appId) {
        throw new DriverdeskError({ code: 'config_invalid', message: 'DISCORD_TOKEN and DISCORD_APP_ID must be set to register slash commands' });
      }
      try {
        const count = await registerDiscordCommands({ token: discord.token, appId: discord.appId, guildId: discord.guildId, apiUrl: discord.apiUrl });
        process.stdout.write(`registered ${count} commands ${discord.guildId ? `in guild ${discord.guildId}` : 'globally (they may take up to an hour to appear)'}\n`);
      } catch (error) {
        throw new DriverdeskError({ code: 'internal', message: `Discord refused the commands: ${(error as Error).message}`, cause: error });
      }
    });
}
