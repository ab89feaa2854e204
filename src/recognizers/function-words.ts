import { keyOf } from '../text/normalize.js';

/**
 * Closed-class Arabic words (particles, pronouns, demonstratives, relatives, auxiliaries) and the
 * reporting verbs of news prose. A name never contains them, so they end a name read by rule.
 */
const WORDS = `
في من إلى الى على عن مع عند لدى منذ حتى بين خلال ضد نحو حول دون عبر بعد قبل أمام وراء فوق تحت
أن إن ان أنه إنه انه أنها إنها لأن كي لكي لن لم لا ما ماذا لماذا كيف أين متى هل قد لقد سوف
و ف ثم أو أم بل لكن لكنه غير سوى إلا الا كل بعض جميع أي أية أيضا ايضا كما كذلك فقط
هو هي هم هن هما أنا نحن أنت أنتم هذا هذه ذلك تلك هؤلاء أولئك هنا هناك الذي التي الذين اللذين اللتين اللواتي
كان كانت كانوا يكون تكون ليس ليست أصبح أصبحت بات باتت ظل ظلت
قال قالت يقول تقول أكد أكدت يؤكد أعلن أعلنت يعلن أضاف أضافت يضيف أوضح أوضحت أشار أشارت ذكر ذكرت
صرح صرحت أفاد أفادت تابع تابعت شدد شددت دعا دعت اعتبر اعتبرت رأى رأت وصف وصفت نفى نفت
يذكر يشار وفقا بحسب حسب لدى إذ اذ إذا اذا لو لولا حيث بينما عندما لما
عام العام يوم اليوم أمس غدا الآن
`;

export const FUNCTION_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean).map(keyOf));
