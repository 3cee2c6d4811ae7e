// Emoji short names (`:joy:`) for sites with Hugo's `enableEmoji`. markdown-it-emoji is not a
// dependency: this is a table of the common GitHub/Hugo short names, as a tiny inline rule.
import type { MarkdownIt, StateInline } from 'markdown-it';

export const EMOJI: Readonly<Record<string, string>> = {
  smile: '😄', smiley: '😃', grinning: '😀', grin: '😁', laughing: '😆', satisfied: '😆', joy: '😂', rofl: '🤣', sweat_smile: '😅',
  wink: '😉', blush: '😊', innocent: '😇', slightly_smiling_face: '🙂', upside_down_face: '🙃', heart_eyes: '😍', star_struck: '🤩',
  kissing_heart: '😘', yum: '😋', stuck_out_tongue: '😛', stuck_out_tongue_winking_eye: '😜', thinking: '🤔', neutral_face: '😐',
  expressionless: '😑', no_mouth: '😶', smirk: '😏', unamused: '😒', roll_eyes: '🙄', grimacing: '😬', relieved: '😌', pensive: '😔',
  sleepy: '😪', sleeping: '😴', mask: '😷', nerd_face: '🤓', sunglasses: '😎', confused: '😕', worried: '😟', open_mouth: '😮',
  astonished: '😲', flushed: '😳', cry: '😢', sob: '😭', scream: '😱', angry: '😠', rage: '😡', exploding_head: '🤯', skull: '💀',
  poop: '💩', hankey: '💩', clown_face: '🤡', ghost: '👻', alien: '👽', robot: '🤖', see_no_evil: '🙈', wave: '👋', ok_hand: '👌',
  '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', clap: '👏', raised_hands: '🙌', pray: '🙏', handshake: '🤝', muscle: '💪',
  point_right: '👉', point_left: '👈', point_up: '☝️', point_down: '👇', v: '✌️', crossed_fingers: '🤞', writing_hand: '✍️',
  eyes: '👀', brain: '🧠', heart: '❤️', orange_heart: '🧡', yellow_heart: '💛', green_heart: '💚', blue_heart: '💙', purple_heart: '💜',
  broken_heart: '💔', sparkling_heart: '💖', '100': '💯', boom: '💥', collision: '💥', fire: '🔥', sparkles: '✨', star: '⭐', star2: '🌟',
  zap: '⚡', tada: '🎉', confetti_ball: '🎊', balloon: '🎈', gift: '🎁', trophy: '🏆', medal_sports: '🏅', rocket: '🚀', airplane: '✈️',
  train: '🚆', bike: '🚲', car: '🚗', hotel: '🏨', house: '🏠', office: '🏢', school: '🏫', coffee: '☕', tea: '🍵', beer: '🍺', beers: '🍻',
  wine_glass: '🍷', pizza: '🍕', hamburger: '🍔', fries: '🍟', waffle: '🧇', chocolate_bar: '🍫', cake: '🍰', apple: '🍎', penguin: '🐧',
  snake: '🐍', crab: '🦀', whale: '🐳', elephant: '🐘', gopher: '🐹', hamster: '🐹', octopus: '🐙', bug: '🐛', ant: '🐜', bee: '🐝',
  computer: '💻', desktop_computer: '🖥️', keyboard: '⌨️', iphone: '📱', phone: '☎️', telephone_receiver: '📞', microphone: '🎤',
  studio_microphone: '🎙️', headphones: '🎧', movie_camera: '🎥', camera: '📷', camera_flash: '📸', tv: '📺', video_camera: '📹',
  bulb: '💡', gear: '⚙️', wrench: '🔧', hammer: '🔨', hammer_and_wrench: '🛠️', nut_and_bolt: '🔩', toolbox: '🧰', package: '📦',
  lock: '🔒', unlock: '🔓', key: '🔑', link: '🔗', paperclip: '📎', pushpin: '📌', round_pushpin: '📍', mag: '🔍', mag_right: '🔎',
  memo: '📝', pencil: '📝', pencil2: '✏️', book: '📖', books: '📚', bookmark: '🔖', notebook: '📓', page_facing_up: '📄', clipboard: '📋',
  calendar: '📆', date: '📅', chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉', bar_chart: '📊', email: '📧',
  envelope: '✉️', mailbox: '📫', loudspeaker: '📢', mega: '📣', bell: '🔔', speech_balloon: '💬', thought_balloon: '💭',
  white_check_mark: '✅', heavy_check_mark: '✔️', ballot_box_with_check: '☑️', x: '❌', negative_squared_cross_mark: '❎',
  warning: '⚠️', no_entry: '⛔', no_entry_sign: '🚫', question: '❓', exclamation: '❗', heavy_exclamation_mark: '❗', information_source: 'ℹ️',
  arrow_right: '➡️', arrow_left: '⬅️', arrow_up: '⬆️', arrow_down: '⬇️', arrows_counterclockwise: '🔄', recycle: '♻️', hourglass: '⌛',
  stopwatch: '⏱️', alarm_clock: '⏰', watch: '⌚', sunny: '☀️', cloud: '☁️', umbrella: '☔', snowflake: '❄️', rainbow: '🌈',
  earth_africa: '🌍', earth_americas: '🌎', earth_asia: '🌏', globe_with_meridians: '🌐', world_map: '🗺️', construction: '🚧',
  rotating_light: '🚨', checkered_flag: '🏁', triangular_flag_on_post: '🚩', flag_be: '🇧🇪', belgium: '🇧🇪', eu: '🇪🇺', de: '🇩🇪',
  fr: '🇫🇷', gb: '🇬🇧', uk: '🇬🇧', us: '🇺🇸', nl: '🇳🇱', ticket: '🎫', tickets: '🎟️', art: '🎨', performing_arts: '🎭', musical_note: '🎵',
  video_game: '🎮', dart: '🎯', seedling: '🌱', evergreen_tree: '🌲', deciduous_tree: '🌳', sunflower: '🌻', tulip: '🌷', rose: '🌹',
  money_with_wings: '💸', moneybag: '💰', dollar: '💵', euro: '💶', chart: '💹', shield: '🛡️', crystal_ball: '🔮', magic_wand: '🪄',
  test_tube: '🧪', microscope: '🔬', telescope: '🔭', satellite: '📡', battery: '🔋', electric_plug: '🔌', floppy_disk: '💾', cd: '💿',
  dvd: '📀', minidisc: '💽', abacus: '🧮', jigsaw: '🧩', teddy_bear: '🧸', raising_hand: '🙋', man_technologist: '👨‍💻',
  woman_technologist: '👩‍💻', technologist: '🧑‍💻', busts_in_silhouette: '👥', bust_in_silhouette: '👤', family: '👪', people_holding_hands: '🧑‍🤝‍🧑',
};

const NAME = /:([a-z0-9_+-]{1,40}):/y;

export function emojiPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('emphasis', 'recap_emoji', (state: StateInline, silent: boolean) => {
    if (state.src.charCodeAt(state.pos) !== 0x3a /* : */) return false;
    NAME.lastIndex = state.pos;
    const match = NAME.exec(state.src);
    if (!match) return false;
    const emoji = EMOJI[match[1]];
    if (!emoji) return false;
    // `12:30:45` or `http://x:8080:`: a short name must not follow a letter or digit.
    const before = state.pos > 0 ? state.src.charCodeAt(state.pos - 1) : 32;
    if ((before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122)) return false;
    if (!silent) {
      const token = state.push('recap_emoji', '', 0);
      token.content = emoji;
      token.markup = match[1];
    }
    state.pos += match[0].length;
    return true;
  });
  md.renderer.rules.recap_emoji = (tokens, idx) => `<span class="recap-emoji" role="img" aria-label="${tokens[idx].markup}">${tokens[idx].content}</span>`;
}
