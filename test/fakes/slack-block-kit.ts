/**
 * The Block Kit limits Slack enforces on the messages driverdesk sends (a subset of Slack's
 * validation: the block types and fields the renderer uses). A message that breaks one is
 * refused by the fake as Slack refuses it: `invalid_blocks`, `no_text` or `msg_too_long`.
 */
export function blockKitProblems(params: Record<string, unknown>): { error: string; messages: string[] } | undefined {
  const messages: string[] = [];
  const text = params.text;
  const blocks = params.blocks;
  if ((typeof text !== 'string' || text === '') && (!Array.isArray(blocks) || blocks.length === 0)) return { error: 'no_text', messages: [] };
  if (typeof text === 'string' && text.length > 40_000) return { error: 'msg_too_long', messages: [] };
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks', messages: ['blocks must be an array'] };
  if (blocks.length > 50) messages.push(`no more than 50 items allowed [json-pointer:/blocks] (got ${blocks.length})`);
  blocks.forEach((block: Record<string, unknown>, index) => {
    const at = `[json-pointer:/blocks/${index}]`;
    const textOf = (value: unknown) => (value as { text?: unknown } | undefined)?.text;
    switch (block?.type) {
      case 'section': {
        const body = textOf(block.text);
        if (typeof body !== 'string' || body.length === 0 || body.length > 3000) messages.push(`section text must be 1-3000 characters ${at}`);
        break;
      }
      case 'context': {
        const elements = block.elements as unknown[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) messages.push(`context needs 1-10 elements ${at}`);
        else if (elements.some((element) => typeof textOf(element) !== 'string' || (textOf(element) as string).length > 3000)) messages.push(`context text too long ${at}`);
        break;
      }
      case 'actions': {
        const elements = block.elements as Array<Record<string, unknown>>;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) messages.push(`actions needs 1-25 elements ${at}`);
        for (const element of Array.isArray(elements) ? elements : []) {
          const label = textOf(element.text);
          if (element.type !== 'button' || typeof label !== 'string' || label.length > 75) messages.push(`button text must be at most 75 characters ${at}`);
          if (typeof element.action_id !== 'string' || element.action_id.length > 255) messages.push(`action_id must be at most 255 characters ${at}`);
          if (typeof element.value === 'string' && element.value.length > 2000) messages.push(`button value must be at most 2000 characters ${at}`);
        }
        break;
      }
      default:
        messages.push(`unsupported block type ${JSON.stringify(block?.type)} ${at}`);
    }
  });
  return messages.length > 0 ? { error: 'invalid_blocks', messages } : undefined;
}
