/**
 * Synthetic but realistic knowledge bases for the search benchmark: Russian price lists (one CSV row per chunk,
 * rendered the way the CSV parser renders them) and FAQ / policy pages (long prose chunks under a heading), for
 * a few kinds of small businesses. Every generated question knows the chunk that answers it, so the benchmark
 * can report hit@1 / hit@5. Questions are phrased the way callers talk (greetings, "у вас", "сколько стоит",
 * other word forms and order than the text); they are never copied from the chunk.
 */

/** A chunk as the ingest pipeline would store it. */
export interface BenchChunk {
  text: string;
  section: string;
}

/** A caller question, the index (within its bot's chunks) of the chunk that answers it, and what it asks about. */
export interface BenchQuestion {
  q: string;
  answer: number;
  kind: 'price' | 'faq';
}

type Gender = 'm' | 'f' | 'n';
interface Noun {
  nom: string;
  gen: string;
  acc: string;
  g: Gender;
}
interface Item {
  noun: Noun;
  adj: string;
  brand: string;
  spec: string;
}
interface Faq {
  topic: (typeof FAQ_TOPICS)[number];
  noun: Noun;
  adj: string;
}
interface Domain {
  name: string;
  itemHeader: string;
  nouns: Noun[];
  adjectives: string[];
  brands: string[];
  specs: string[];
  categories: string[];
  extra: (r: Rng) => string[];
}

/** Seeded PRNG (mulberry32): the same corpus on every run. */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

const nouns = (spec: string): Noun[] =>
  spec.split(',').map((e) => {
    const [nom, gen, acc, g] = e.trim().split('/') as [string, string, string, Gender];
    return { nom, gen, acc, g };
  });

/** Adjective agreement for the adjective classes used below (-ый/-ой, -кий/-гий, -ний). */
function adj(masc: string, g: Gender, form: 'nom' | 'gen' | 'acc'): string {
  const soft = masc.endsWith('ний');
  const stem = masc.slice(0, -2);
  if (g === 'm') return form === 'gen' ? stem + (soft ? 'его' : 'ого') : masc;
  if (g === 'n') return form === 'gen' ? stem + (soft ? 'его' : 'ого') : stem + (soft ? 'ее' : 'ое');
  if (form === 'nom') return stem + (soft ? 'яя' : 'ая');
  if (form === 'acc') return stem + (soft ? 'юю' : 'ую');
  return stem + (soft ? 'ей' : 'ой');
}
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const DOMAINS: Domain[] = [
  {
    name: 'стройматериалы',
    itemHeader: 'Товар',
    nouns: nouns(
      'дрель/дрели/дрель/f, перфоратор/перфоратора/перфоратор/m, шуруповерт/шуруповерта/шуруповерт/m, болгарка/болгарки/болгарку/f, ' +
        'краска/краски/краску/f, грунтовка/грунтовки/грунтовку/f, шпаклевка/шпаклевки/шпаклевку/f, ламинат/ламината/ламинат/m, ' +
        'плитка/плитки/плитку/f, смеситель/смесителя/смеситель/m, унитаз/унитаза/унитаз/m, ' +
        'раковина/раковины/раковину/f, дверь/двери/дверь/f, замок/замка/замок/m, петля/петли/петлю/f, саморез/самореза/саморез/m, ' +
        'дюбель/дюбеля/дюбель/m, кабель/кабеля/кабель/m, розетка/розетки/розетку/f, выключатель/выключателя/выключатель/m, ' +
        'светильник/светильника/светильник/m, лампа/лампы/лампу/f, утеплитель/утеплителя/утеплитель/m, гипсокартон/гипсокартона/гипсокартон/m, ' +
        'профиль/профиля/профиль/m, цемент/цемента/цемент/m, штукатурка/штукатурки/штукатурку/f, клей/клея/клей/m, герметик/герметика/герметик/m, ' +
        'пена/пены/пену/f, лестница/лестницы/лестницу/f, стремянка/стремянки/стремянку/f, тачка/тачки/тачку/f, лопата/лопаты/лопату/f, ' +
        'шланг/шланга/шланг/m, насос/насоса/насос/m, бойлер/бойлера/бойлер/m, радиатор/радиатора/радиатор/m, кондиционер/кондиционера/кондиционер/m, ' +
        'вентилятор/вентилятора/вентилятор/m, генератор/генератора/генератор/m, стабилизатор/стабилизатора/стабилизатор/m, ' +
        'бензопила/бензопилы/бензопилу/f, газонокосилка/газонокосилки/газонокосилку/f, триммер/триммера/триммер/m, ' +
        'сверло/сверла/сверло/n, полотно/полотна/полотно/n, зеркало/зеркала/зеркало/n, ведро/ведра/ведро/n',
    ),
    adjectives: [
      'аккумуляторный', 'сетевой', 'ударный', 'профессиональный', 'бытовой', 'водостойкий', 'влагостойкий', 'белый', 'черный',
      'серый', 'матовый', 'глянцевый', 'акриловый', 'латексный', 'фасадный', 'интерьерный', 'металлический', 'пластиковый',
      'алюминиевый', 'стальной', 'медный', 'керамический', 'компактный', 'мощный', 'легкий', 'угловой', 'настенный', 'напольный',
      'потолочный', 'садовый', 'дачный', 'входной', 'межкомнатный', 'усиленный', 'морозостойкий',
    ],
    brands: [
      'Bosch', 'Makita', 'DeWalt', 'Metabo', 'Hitachi', 'Интерскол', 'Зубр', 'Ресанта', 'Tikkurila', 'Dulux', 'Ceresit', 'Knauf',
      'Volma', 'Grohe', 'Hansgrohe', 'Cersanit', 'Kerama', 'Legrand', 'Schneider', 'IEK', 'Rockwool', 'Технониколь', 'Husqvarna',
      'Stihl', 'Champion', 'Patriot', 'Gardena', 'Karcher', 'Elitech', 'Вихрь',
    ],
    specs: ['500 Вт', '750 Вт', '1200 Вт', '1800 Вт', '18 В', '12 В', '2,5 л', '5 л', '9 л', '10 кг', '25 кг', '50 мм', '100 мм', '2 м', '3 м', '60 см', '80 см'],
    categories: ['Электроинструмент', 'Лакокрасочные материалы', 'Сухие смеси', 'Сантехника', 'Электрика', 'Отделочные материалы', 'Сад и огород', 'Климатическая техника', 'Крепеж'],
    extra: (r) => [`Наличие: ${r.pick(['в наличии', 'под заказ, 3 дня', 'мало', 'нет в наличии'])}`, `Артикул: ${100000 + r.int(900000)}`],
  },
  {
    name: 'салон красоты',
    itemHeader: 'Услуга',
    nouns: nouns(
      'стрижка/стрижки/стрижку/f, окрашивание/окрашивания/окрашивание/n, укладка/укладки/укладку/f, мелирование/мелирования/мелирование/n, ' +
        'маникюр/маникюра/маникюр/m, педикюр/педикюра/педикюр/m, наращивание/наращивания/наращивание/n, покрытие/покрытия/покрытие/n, ' +
        'массаж/массажа/массаж/m, пилинг/пилинга/пилинг/m, чистка/чистки/чистку/f, эпиляция/эпиляции/эпиляцию/f, ' +
        'коррекция/коррекции/коррекцию/f, ламинирование/ламинирования/ламинирование/n, выпрямление/выпрямления/выпрямление/n, ' +
        'завивка/завивки/завивку/f, прическа/прически/прическу/f, макияж/макияжа/макияж/m, обертывание/обертывания/обертывание/n',
    ),
    adjectives: ['женский', 'мужской', 'детский', 'классический', 'аппаратный', 'комбинированный', 'кератиновый', 'вечерний', 'свадебный', 'лечебный', 'расслабляющий', 'ультразвуковой', 'восковой', 'горячий', 'экспресс'],
    brands: ['L\'Oreal', 'Estel', 'Matrix', 'Kapous', 'CND', 'Kodi', 'Luxio', 'Christina', 'Holy Land', 'Academie'],
    specs: ['короткие волосы', 'средние волосы', 'длинные волосы', 'мастер', 'топ-мастер', 'арт-директор', '30 мин', '60 мин', '90 мин', '120 мин'],
    categories: ['Парикмахерский зал', 'Ногтевой сервис', 'Косметология', 'Массаж', 'Брови и ресницы'],
    extra: (r) => [`Длительность: ${r.pick([30, 45, 60, 90, 120, 180])} мин`],
  },
  {
    name: 'автосервис',
    itemHeader: 'Работа',
    nouns: nouns(
      'замена/замены/замену/f, диагностика/диагностики/диагностику/f, ремонт/ремонта/ремонт/m, регулировка/регулировки/регулировку/f, ' +
        'промывка/промывки/промывку/f, шиномонтаж/шиномонтажа/шиномонтаж/m, балансировка/балансировки/балансировку/f, ' +
        'заправка/заправки/заправку/f, покраска/покраски/покраску/f, полировка/полировки/полировку/f, развал/развала/развал/m, ' +
        'прокачка/прокачки/прокачку/f, чистка/чистки/чистку/f, проверка/проверки/проверку/f',
    ),
    adjectives: ['полный', 'компьютерный', 'плановый', 'срочный', 'сезонный', 'колесный', 'тормозной', 'моторный', 'кузовной', 'локальный', 'передний', 'задний'],
    brands: ['Toyota', 'Kia', 'Hyundai', 'Lada', 'Renault', 'Volkswagen', 'Skoda', 'Nissan', 'Mazda', 'Ford', 'BMW', 'Mercedes', 'Haval', 'Chery', 'Geely'],
    specs: ['масла', 'масляного фильтра', 'колодок', 'дисков', 'ремня ГРМ', 'свечей', 'антифриза', 'кондиционера', 'подвески', 'рулевой рейки', 'R14', 'R15', 'R16', 'R17', 'R18'],
    categories: ['Техническое обслуживание', 'Шиномонтаж', 'Кузовной ремонт', 'Ходовая часть', 'Двигатель', 'Электрика'],
    extra: (r) => [`Время работы: ${r.pick(['0,5', '1', '1,5', '2', '3'])} ч`, `Гарантия: ${r.pick([3, 6, 12])} мес.`],
  },
  {
    name: 'стоматология',
    itemHeader: 'Услуга',
    nouns: nouns(
      'лечение/лечения/лечение/n, удаление/удаления/удаление/n, пломба/пломбы/пломбу/f, коронка/коронки/коронку/f, ' +
        'имплант/импланта/имплант/m, чистка/чистки/чистку/f, отбеливание/отбеливания/отбеливание/n, снимок/снимка/снимок/m, ' +
        'консультация/консультации/консультацию/f, протез/протеза/протез/m, ' +
        'анестезия/анестезии/анестезию/f',
    ),
    adjectives: ['профессиональный', 'ультразвуковой', 'керамический', 'металлокерамический', 'циркониевый', 'световой', 'детский', 'сложный', 'простой', 'временный', 'постоянный', 'панорамный', 'прицельный', 'лазерный'],
    brands: ['Nobel', 'Straumann', 'Osstem', 'Dentium', 'Филлинг', 'Estelite', 'Ultradent', 'Damon', 'Incognito', 'Invisalign'],
    specs: ['1 зуб', '2 зуба', 'верхняя челюсть', 'нижняя челюсть', 'под ключ', 'с анестезией', 'без анестезии', 'кариес', 'пульпит', 'периодонтит'],
    categories: ['Терапия', 'Хирургия', 'Ортопедия', 'Ортодонтия', 'Гигиена', 'Диагностика'],
    extra: (r) => [`Врач: ${r.pick(['терапевт', 'хирург', 'ортопед', 'ортодонт', 'гигиенист'])}`],
  },
];

/** Generic business text the FAQ pages are made of; {n} etc. are filled from the page's topic. */
const FAQ_SENTENCES = [
  'Мы работаем ежедневно с 9:00 до 21:00, в праздничные дни с 10:00 до 18:00.',
  'Оплатить можно банковской картой, наличными или переводом через СБП, чек отправим на почту.',
  'Для постоянных клиентов действует скидка {pct} процентов по карте лояльности.',
  'Записаться или оформить заказ можно по телефону, на сайте или в мессенджере.',
  'Если у вас остались вопросы, администратор ответит на них по телефону в рабочее время.',
  'Все цены указаны в рублях с учетом НДС и могут меняться, актуальную стоимость уточняйте у менеджера.',
  'Для клиентов есть бесплатная парковка во дворе, въезд со стороны улицы.',
  'При отмене менее чем за {hours} часа мы можем удержать предоплату.',
  'Подарочный сертификат действует {months} месяцев и распространяется на все услуги и товары.',
  'Мы не передаем ваши персональные данные третьим лицам без вашего согласия.',
  'Специалист подберет {acc} под ваши задачи и бюджет, консультация бесплатная.',
  'На {acc} действует гарантия {months} месяцев с момента покупки или оказания услуги.',
  'Если {nom} не подошел, вернуть его можно в течение {days} дней при сохранении чека и упаковки.',
  'Доставка {gen} по городу занимает от {days} до {days2} дней, за город стоимость считается отдельно.',
  'Перед покупкой {gen} советуем проверить размеры и совместимость, мастер поможет с выбором.',
  'Срок службы {gen} при правильном уходе составляет несколько лет.',
  'В сезон спрос на {acc} высокий, поэтому лучше заранее оформить предварительный заказ.',
  'Уход после процедуры простой: первые {days} дня избегайте горячей воды и сауны.',
  'Мы используем только сертифицированные материалы и оборудование.',
  'Сотрудники регулярно проходят обучение и повышение квалификации.',
];
const FAQ_TOPICS = [
  { head: (n: Noun) => `Гарантия на ${n.acc}`, q: (a: string, n: string) => [`Какая у вас гарантия на ${a} ${n}?`, `А гарантия на ${a} ${n} есть? Сколько месяцев?`], form: 'acc' as const, key: 'гарантия' },
  { head: (n: Noun) => `Возврат и обмен: ${n.nom}`, q: (a: string, n: string) => [`Можно ли вернуть ${a} ${n}, если не подошел?`, `Как сдать обратно ${a} ${n}?`], form: 'acc' as const, key: 'возврат' },
  { head: (n: Noun) => `Доставка ${n.gen}`, q: (a: string, n: string) => [`Сколько дней везут ${a} ${n}?`, `Вы доставляете ${a} ${n} на дом?`], form: 'acc' as const, key: 'доставка' },
];

export interface BotCorpus {
  domain: string;
  chunks: BenchChunk[];
  /** Questions with known answers (a sample, in question order). */
  questions: BenchQuestion[];
}

/**
 * One bot's knowledge base of `size` chunks: ~90% price-list rows (unique item per row), ~10% FAQ pages.
 * `questions` questions: 80% about a price-list row (price / availability, asked with word forms and order of
 * a caller), 20% about an FAQ page.
 */
export function botCorpus(seed: number, size: number, questionCount: number): BotCorpus {
  const r = new Rng(seed);
  const d = DOMAINS[seed % DOMAINS.length]!;
  const chunks: BenchChunk[] = [];
  // What each chunk is about, by chunk index: a price-list item or an FAQ page.
  const items = new Map<number, Item>();
  const faqs = new Map<number, Faq>();
  const seen = new Set<string>();
  const faqCount = Math.max(1, Math.round(size * 0.1));
  while (chunks.length < size) {
    if (chunks.length % 10 === 5 && faqs.size < faqCount) {
      const topic = r.pick(FAQ_TOPICS);
      const noun = r.pick(d.nouns);
      const a = r.pick(d.adjectives);
      const key = `faq|${topic.key}|${noun.nom}|${a}`;
      if (seen.has(key)) continue;
      seen.add(key);
      faqs.set(chunks.length, { topic, noun, adj: a });
      chunks.push({ text: faqText(r, topic.head(noun), noun, a), section: `${cap(d.name)}: вопросы и ответы` });
      continue;
    }
    const noun = r.pick(d.nouns);
    const a = r.pick(d.adjectives);
    const brand = r.pick(d.brands);
    const spec = r.pick(d.specs);
    const key = `${noun.nom}|${a}|${brand}|${spec}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const category = r.pick(d.categories);
    const price = (r.int(300) + 3) * 50;
    const lines = [
      `${d.itemHeader}: ${cap(adj(a, noun.g, 'nom'))} ${noun.nom} ${brand} ${spec}`,
      `Категория: ${category}`,
      `Цена: ${price} руб.`,
      ...d.extra(r),
    ];
    items.set(chunks.length, { noun, adj: a, brand, spec });
    chunks.push({ text: lines.join('\n'), section: category });
  }
  const faqIdx = [...faqs.keys()];
  const itemIdx = [...items.keys()];
  const questions: BenchQuestion[] = [];
  for (let k = 0; k < questionCount; k++) {
    if (k % 5 === 4 && faqIdx.length) {
      const i = r.pick(faqIdx);
      const f = faqs.get(i)!;
      const forms = f.topic.q(adj(f.adj, f.noun.g, f.topic.form), f.noun[f.topic.form]);
      questions.push({ q: r.pick(forms), answer: i, kind: 'faq' });
      continue;
    }
    const i = itemIdx[r.int(itemIdx.length)]!;
    questions.push({ q: itemQuestion(r, items.get(i)!), answer: i, kind: 'price' });
  }
  return { domain: d.name, chunks, questions };
}

function itemQuestion(r: Rng, it: Item): string {
  const { noun: n, brand, spec } = it;
  const nom = `${adj(it.adj, n.g, 'nom')} ${n.nom}`;
  const acc = `${adj(it.adj, n.g, 'acc')} ${n.acc}`;
  const gen = `${adj(it.adj, n.g, 'gen')} ${n.gen}`;
  const templates = [
    () => `Сколько стоит ${nom} ${brand}, ${spec}?`,
    () => `Здравствуйте, подскажите, пожалуйста, цену на ${acc} ${brand} ${spec}`,
    () => `А ${nom} ${brand} ${spec} у вас сейчас есть в наличии?`,
    () => `Почём у вас ${nom} ${spec} от ${brand}?`,
    () => `Мне нужен ${brand}, ${acc}, ${spec}. Сколько это будет стоить?`,
    () => `Добрый день, есть ли у вас ${nom} ${brand} ${spec} и какая цена?`,
    () => `Хотел узнать стоимость ${gen} ${brand} ${spec}`,
  ];
  return r.pick(templates)();
}

function faqText(r: Rng, heading: string, n: Noun, a: string): string {
  const fill = (s: string) =>
    s
      .replace('{nom}', `${adj(a, n.g, 'nom')} ${n.nom}`)
      .replace('{acc}', `${adj(a, n.g, 'acc')} ${n.acc}`)
      .replace('{gen}', `${adj(a, n.g, 'gen')} ${n.gen}`)
      .replace('{pct}', String(r.pick([5, 7, 10, 15])))
      .replace('{hours}', String(r.pick([3, 12, 24])))
      .replace('{months}', String(r.pick([6, 12, 24, 36])))
      .replace('{days2}', String(r.pick([5, 7, 10])))
      .replace('{days}', String(r.pick([2, 3, 14])));
  const body: string[] = [];
  const count = 8 + r.int(8);
  for (let i = 0; i < count; i++) body.push(fill(r.pick(FAQ_SENTENCES)));
  return `${heading}\n${body.join(' ')}`;
}
