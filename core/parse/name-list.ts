/** Common Russian first names (nominative), including everyday short forms. */
const FEMALE = `Анна Аня Мария Маша Елена Лена Ольга Оля Наталья Наталия Наташа Татьяна Таня Ирина Ира Светлана Света
Екатерина Катя Юлия Юля Анастасия Настя Дарья Даша Марина Людмила Люда Галина Галя Валентина Валя Надежда Надя Вера
Любовь Люба Ксения Ксюша Алина Виктория Вика Полина Александра Евгения Оксана Алёна Кристина Софья София Соня
Маргарита Рита Лариса Нина Валерия Лера Елизавета Лиза Вероника Диана Карина Ангелина Яна Милана Ева Алиса Варвара
Тамара Жанна Инна Зоя Раиса Лилия Эльвира Регина Арина Ульяна Василиса Таисия Олеся Злата Майя Кира Лидия Дина Эльмира
Гульнара Зарина Камила Амина Снежана Антонина Тоня Нелли Роза`;
const MALE = `Александр Саша Алексей Лёша Андрей Артём Антон Борис Вадим Валерий Василий Вася Виктор Виталий Владимир Вова
Володя Владислав Влад Вячеслав Слава Геннадий Гена Георгий Глеб Григорий Гриша Даниил Данила Денис Дмитрий Дима Евгений
Женя Егор Иван Ваня Игорь Илья Кирилл Константин Костя Леонид Лёня Максим Марк Матвей Михаил Миша Никита Николай Коля
Олег Павел Паша Пётр Петя Роман Рома Руслан Семён Сергей Серёжа Станислав Стас Степан Тимофей Тимур Фёдор Федя Юрий Юра
Ярослав Эдуард Арсений Лев Богдан Давид Ринат Марат Артур Захар Савелий Ильдар Рустам Айдар Азат Анатолий Толя Аркадий
Эрик Эмиль Всеволод Святослав`;

/** Names that are also ordinary words ("вера", "роман", "света" = of light): only taken when clearly a name. */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set([
  'вера', 'надежда', 'любовь', 'роман', 'лев', 'ника', 'майя', 'злата', 'лилия', 'роза', 'света', 'слава', 'марк',
  'кира', 'ева', 'виктория', 'дина', 'валя', 'надя', 'люба', 'рита', 'глеб', 'влад', 'стас', 'дима', 'женя',
]);

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/** Case forms of a first name (genitive, dative, accusative, instrumental, prepositional), normalized. */
function caseForms(name: string): string[] {
  const n = norm(name);
  if (n === 'любовь') return ['любови', 'любовью'];
  if (n === 'павел') return ['павла', 'павлу', 'павлом', 'павле'];
  if (n === 'лев') return ['льва', 'льву', 'львом', 'льве'];
  const stem = n.slice(0, -1);
  const last = n.slice(-1);
  if (n.endsWith('ия')) return [stem + 'и', stem + 'ю', stem + 'ей'];
  if (last === 'я') return [stem + 'и', stem + 'е', stem + 'ю', stem + 'ей'];
  if (last === 'а') {
    const soft = /[гкхжшчщ]$/.test(stem);
    return [stem + (soft ? 'и' : 'ы'), stem + 'е', stem + 'у', stem + 'ой', stem + 'ей'];
  }
  if (n.endsWith('ий')) return [stem + 'я', stem + 'ю', stem + 'ем', stem + 'и'];
  if (last === 'й' || last === 'ь') return [stem + 'я', stem + 'ю', stem + 'ем', stem + 'е'];
  return [n + 'а', n + 'у', n + 'ом', n + 'е'];
}

function build(): { nominative: Map<string, string>; forms: Map<string, string> } {
  const nominative = new Map<string, string>();
  const forms = new Map<string, string>();
  for (const name of `${FEMALE} ${MALE}`.split(/\s+/)) {
    if (!name) continue;
    nominative.set(norm(name), name);
    for (const f of caseForms(name)) if (!forms.has(f)) forms.set(f, name);
  }
  return { nominative, forms };
}

const tables = build();
/** Normalized nominative → the name as written ("алена" → "Алёна"). */
export const MALE_NAMES: ReadonlySet<string> = new Set(MALE.split(/\s+/).filter(Boolean));
export const FIRST_NAMES: ReadonlyMap<string, string> = tables.nominative;
/** Normalized oblique case form → nominative ("ольги" → "Ольга", "ивану" → "Иван"). */
export const FIRST_NAME_FORMS: ReadonlyMap<string, string> = tables.forms;
