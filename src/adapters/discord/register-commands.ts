import { REST, Routes, SlashCommandBuilder } from 'discord.js';
import { commandsFor, PRIVATE_OPTION } from '../../chat/commands.js';

export interface RegisterCommandsOptions {
  token: string;
  appId: string;
  /** Register in one guild (instant) instead of globally (can take up to an hour to appear). */
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

/** The shared command definitions as Discord slash-command JSON. */
export function discordCommandJson() {
  return commandsFor('discord').map((command) => {
    const builder = new SlashCommandBuilder()
      .setName(command.name)
      .setDescription(command.description)
      .addStringOption((option) =>
        option.setName(command.textOption.name).setDescription(command.textOption.description).setRequired(command.textOption.required).setMaxLength(4000),
      );
    if (command.privateOption) builder.addBooleanOption((option) => option.setName(PRIVATE_OPTION.name).setDescription(PRIVATE_OPTION.description));
    return builder.toJSON();
  });
}

/** PUTs the commands, replacing whatever was registered before. Returns how many were registered. */
export async function registerDiscordCommands(options: RegisterCommandsOptions): Promise<number> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.appId, options.guildId) : Routes.applicationCommands(options.appId);
  const result = (await rest.put(route, { body: discordCommandJson() })) as unknown[];
  return result.length;
}
