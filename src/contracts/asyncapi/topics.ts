/** MQTT topic helpers for contract addresses with {parameters}. */

/** plant/{line}/vibration -> plant/+/vibration */
export function topicFilter(template: string): string {
  return template.replace(/\{[^}]+\}/g, '+');
}

export function topicMatcher(template: string): (topic: string) => boolean {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (topic) => regex.test(topic);
}

/** The deepest level shared by all topics, as a filter: plant/line3/press1/#. Undefined at the root. */
export function commonPrefix(filters: string[]): string | undefined {
  if (filters.length === 0) return undefined;
  const levels = filters.map((f) => f.split('/'));
  const shared: string[] = [];
  for (let i = 0; ; i++) {
    const level = levels[0]![i];
    if (level === undefined || level === '+' || levels.some((l) => l[i] !== level || i >= l.length - 1))
      break;
    shared.push(level);
  }
  return shared.length ? `${shared.join('/')}/#` : undefined;
}
