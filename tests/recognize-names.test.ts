import { entities, linked, ruleSpans, spans, splitRuns } from './pipeline-helpers.js';
import { linkSurnames } from '../src/pipeline/coref.js';
import { normalize } from '../src/text/normalize.js';
import type { Candidate } from '../src/types.js';

describe('people, organisations: gazetteer matches', () => {
  it.each([
    ['proclitic on a full name', 'التقى الوزير ماكرون وجون كيري', 'PERSON جون كيري -> John Kerry'],
    ['spelling variant with and without hamza', 'قال الرئيس الأمريكي باراك اوباما', 'PERSON باراك اوباما -> Barack Obama'],
    ['variant ترمب', 'وغرد دونالد ترمب صباح اليوم', 'PERSON دونالد ترمب -> Donald Trump'],
    ['لـ with tatweel before an acronym', 'التصدي لـداعش في الموصل', 'ORGANIZATION داعش -> Islamic State'],
    ['ل meeting the article', 'الحملة ضد الآلة العسكرية للدولة الإسلامية', 'ORGANIZATION لدولة الإسلامية -> Islamic State'],
    ['a name and its acronym are two entities', 'مقر حلف شمال الأطلسي (الناتو) في بروكسل', 'ORGANIZATION الناتو -> NATO'],
  ])('%s', (_name, text, expected) => {
    expect(linked(text)).toContain(expected);
  });

  it('takes the longest name: a council, not the gulf inside it', () => {
    expect(spans('وزراء خارجية دول مجلس التعاون لدول الخليج العربية')).toEqual(['ORGANIZATION مجلس التعاون لدول الخليج العربية']);
  });

  it('keeps descriptors outside acronym names', () => {
    expect(spans('ضربات ضد تنظيم داعش الإرهابي')).toEqual(['ORGANIZATION داعش']);
  });
});

describe('people by rule', () => {
  it.each([
    ['after a title with a ministry and a nationality', 'وقال المتحدث باسم وزارة الدفاع العراقية تحسين الخفاجي إن القوات تقدمت', 'PERSON تحسين الخفاجي'],
    ['after a title, a compound with الله', 'وقالت الناطقة باسم الحكومة ريم عبد الله للصحفيين', 'PERSON ريم عبد الله'],
    ['a given name and an unknown surname', 'وصرح السيناتور لينزي غراهام للصحفيين', 'PERSON لينزي غراهام'],
    ['a foreign given name and a surname that is also a word', 'قال الباحث جون سميث من جامعة أكسفورد', 'PERSON جون سميث'],
    ['the title stays outside the span', 'وأكد وزير المالية اللبناني يوسف الخليل أن الموازنة', 'PERSON يوسف الخليل'],
    ['an ambiguous given name after a title', 'وقالت الوزيرة أمل القبيسي في كلمتها', 'PERSON أمل القبيسي'],
    ['after a title, عن and the body the post is for', 'وطالبت النائبة عن ائتلاف دولة القانون حنان الفتلاوي بمحاسبة المسؤولين', 'PERSON حنان الفتلاوي'],
    ['after a profession (a novelist), an ambiguous given name', 'وقالت الروائية الجزائرية أحلام مستغانمي إن الرواية', 'PERSON أحلام مستغانمي'],
    ['after a title and the field it qualifies (an economic expert)', 'وقال الخبير الاقتصادي المصري وائل النحاس إن الجنيه سيتراجع', 'PERSON وائل النحاس'],
    ['after a title, a surname that is also a word', 'وقال اللواء سمير حداد إن القوات تقدمت', 'PERSON سمير حداد'],
    ['علي written with a dotted ya is the name, not the preposition على', 'وقال وزير النفط علي الجبوري إن الإنتاج ارتفع', 'PERSON علي الجبوري'],
    ['a given name with الدين, then a surname that is also a word', 'وقال المتحدث باسم الوزارة نور الدين سعيدان إن الأسعار سترتفع', 'PERSON نور الدين سعيدان'],
    ['a given name with عبد, then a family name that is also a word', 'وتحدث النائب الكويتي عبد الرحمن الجيران عن المشاركة', 'PERSON عبد الرحمن الجيران'],
  ])('%s', (_name, text, expected) => {
    expect(spans(text)).toContain(expected);
  });

  it('marks rule-made people with their rule and a lower confidence', () => {
    const [person] = entities('وصرح السيناتور لينزي غراهام للصحفيين').filter((e) => e.type === 'PERSON');
    expect(person?.source).toMatch(/^rule:/);
    expect(person?.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['a verb after a title is not a name', 'وقال الرئيس يعلن الحرب على الفساد'],
    ['given names that are common words, with no name context', 'وقالت أمل في مقابلة إن جمال الطبيعة وأمل الشعب وعادل الحكم لا حدود لها'],
    ['a foreign given name followed by a verb', 'وكانت ماري تعمل في المستشفى'],
    ['the preposition على, dotted or not, after a title', 'وأكد الوزير على أهمية الحوار، وقال الوزير علي هامش المؤتمر إن الوضع صعب'],
  ])('no person: %s', (_name, text) => {
    expect(spans(text).filter((s) => s.startsWith('PERSON'))).toEqual([]);
  });

  it('a person name after a ship or airport noun names the thing, not the person', () => {
    expect(spans('أبحرت حاملة الطائرات الفرنسية "شارل ديغول" نحو الخليج').filter((s) => s.startsWith('PERSON'))).toEqual([]);
    expect(spans('وهبطت الطائرة في مطار رفيق الحريري الدولي').filter((s) => s.startsWith('PERSON'))).toEqual([]);
  });

  it.each([
    ['a possessive noun', 'والتقى الرئيس محمود مستشاره للأمن القومي', 'محمود مستشاره'],
    ['an adverb', 'وقال الوزير خالد شخصيا إن الخطة جاهزة', 'خالد شخصيا'],
    ['a time of day', 'وقال الأمير نايف مساء أمس إن', 'نايف مساء'],
    ['a noun in apposition', 'وقال الدكتور محمد أستاذ العلوم السياسية إن', 'محمد أستاذ'],
    ['a verb in the future', 'وقال الوزير حسين سيعقد اجتماعا', 'حسين سيعقد'],
    ['a place', 'وصل الأمير نايف دمشق أمس', 'نايف دمشق'],
  ])('after a titled given name, not a surname: %s', (_name, text, wrong) => {
    expect(spans(text)).not.toContain(`PERSON ${wrong}`);
  });

  it('a title before an organisation word heads the organisation: no person starts on the trigger', () => {
    const text = 'وقال رئيس شركة فولكسفاغن إن المبيعات ارتفعت';
    expect(ruleSpans(text).filter((s) => s.startsWith('PERSON'))).toEqual([]);
  });

  it('a title before an institution\'s noun heads the institution (`رئيس نادي`, `مدير مستشفى`)', () => {
    expect(ruleSpans('أكد نائب رئيس نادي أرسنال الإنجليزي لكرة القدم أن النادي لن يبيع لاعبيه').filter((s) => s.startsWith('PERSON'))).toEqual([]);
    expect(ruleSpans('وقال مدير مستشفى الشفاء إن الجرحى وصلوا').filter((s) => s.startsWith('PERSON'))).toEqual([]);
  });

  it('a known person after a title is taken as the gazetteer knows it, linked, not stretched by a rule', () => {
    expect(linked('ويرى المحللون أن الرئيس السوري بشار الأسد العلوي لن يتنحى')).toEqual(['PERSON بشار الأسد -> Bashar al-Assad']);
  });

  it('a known name listed with its title and, longer, without it: the longer one', () => {
    expect(linked('واستقبلت الشيخة موزا بنت ناصر في الدوحة')).toContain('PERSON موزا بنت ناصر -> Moza bint Nasser');
  });

  it('a patronymic after a known name belongs to it, and keeps its link', () => {
    expect(linked('واستقبل العاهل الأردني الملك عبدالله الثاني بن الحسين الوفد')).toEqual(['PERSON عبدالله الثاني بن الحسين -> King Abdullah II']);
  });

  it('no rule-made name starts inside a known one', () => {
    expect(spans('والتقى باراك حسين أوباما الوزير')).toEqual(['PERSON باراك حسين أوباما']);
  });

  it('a person name after a town or province noun names the place', () => {
    expect(spans('استعادت القوات السيطرة على بلدة البغدادي في محافظة الأنبار').filter((s) => s.startsWith('PERSON'))).toEqual([]);
    expect(spans('وقتل ثلاثة أشخاص في انفجار في قرية الصدر').filter((s) => s.startsWith('PERSON'))).toEqual([]);
  });

  it('a name ends before أن with a proclitic (`بأن`, `فإن`), though `بان` is also a name', () => {
    expect(spans('وصرح الناطق باسم الحركة سامر يوسف بأن الحركة ترفض المبادرة')).toContain('PERSON سامر يوسف');
    expect(spans('وقال المتحدث خالد العمري فإن الوضع مستقر')).toContain('PERSON خالد العمري');
    expect(spans('وقال الأمين العام بان كي مون إن الوضع خطير')).toContain('PERSON بان كي مون');
  });

  it('a particle after a proclitic starts no name, though its key is a given name\'s (`وأن`: آن, `وعلى`: علي)', () => {
    // `الفريق` is a military rank; `وأن` is و + أن, not the name آن.
    expect(ruleSpans('وقال إنها البداية الحقيقية للفريق وأن الخسارة السابقة كبوة')).toEqual([]);
    expect(ruleSpans('وقال إن القانون فوق الجميع وعلى القاضي وأعضاء السلك القضائي الالتزام به')).toEqual([]);
    // Written with a dotted ya, the same word after و is the name.
    expect(ruleSpans('واستقبل الرئيس وعلي القاضي الوفد')).toContain('PERSON علي القاضي');
  });

  it('after a title, a name\'s first word is a given name, a surname or an unknown word, not an ordinary word', () => {
    // `واحد` is a listed surname (عبد الرحمن واحد), but `رقم` starts no name.
    expect(ruleSpans('فهو اللاعب رقم واحد في الفريق كما يقال')).toEqual([]);
    expect(ruleSpans('وقال اللاعب كريم واحد إن الفريق جاهز')).toContain('PERSON كريم واحد');
  });
});

describe('surname coreference', () => {
  it('links a later surname to a full name found by rule', () => {
    const found = entities('وقال المتحدث باسم الحكومة اليونانية كوستاس باباندريو إن أثينا ستشارك. وأضاف باباندريو أن');
    const people = found.filter((e) => e.type === 'PERSON');
    expect(people.map((p) => p.text)).toEqual(['كوستاس باباندريو', 'باباندريو']);
    expect(people[1]?.source).toBe('coref:surname');
    expect(people[1]?.coref).toBe(people[0]?.id);
  });

  it('carries the gazetteer link to the surname mention, clitic outside', () => {
    const found = entities('وقال وزير الخارجية البريطاني فيليب هاموند إن التحالف قوي. ورأى هاموند وغيره أن');
    expect(found.filter((e) => e.type === 'PERSON').map((p) => `${p.text} ${p.link?.name}`)).toEqual(['فيليب هاموند Philip Hammond', 'هاموند Philip Hammond']);
  });

  it('does not link a surname mentioned before the full name', () => {
    expect(ruleSpans('ميتروبولوس وصل. ثم قال الوزير كوستاس ميتروبولوس')).toEqual(['PERSON كوستاس ميتروبولوس']);
    // The tagger may read the first mention as a person, by itself: never as a surname mention of the later name.
    expect(entities('ميتروبولوس وصل. ثم قال الوزير كوستاس ميتروبولوس').some((e) => e.source === 'coref:surname')).toBe(false);
  });

  it('links a later mention of a surname the document also wrote before the full name (each occurrence asked, not the first only)', () => {
    // Another full name first, so that the walk already knows a surname when it meets the early mention.
    const raw = 'قال الوزير جورج باباندريو إن ميتروبولوس وصل. ثم قال الوزير كوستاس ميتروبولوس إن الاتفاق قريب. وأضاف ميتروبولوس وميتروبولوس أن';
    const { text, tokens } = splitRuns(raw);
    const person = (name: string): Candidate => ({ type: 'PERSON', start: text.indexOf(name), end: text.indexOf(name) + name.length, source: 'rule:title-person', confidence: 0.9 });
    const full = person('كوستاس ميتروبولوس');
    const { candidates, antecedents } = linkSurnames(normalize(raw), tokens, [person('جورج باباندريو'), full]);
    const mentions = candidates.filter((candidate) => candidate.source === 'coref:surname');
    // Both later mentions (the second after its conjunction), not the one before the full name.
    expect(mentions.map((mention) => text.slice(mention.start, mention.end))).toEqual(['ميتروبولوس', 'ميتروبولوس']);
    expect(mentions.every((mention) => mention.start > full.end && antecedents.get(mention) === full)).toBe(true);
  });

  it('the rules alone read a lone given name as no one; the tagger reads the speaker of قال as a person', () => {
    expect(ruleSpans('وقال محمد إن الاجتماع انتهى')).toEqual([]);
    expect(spans('وقال محمد إن الاجتماع انتهى')).toEqual(['PERSON محمد']);
  });
});

describe('fuzzy names', () => {
  it.each([
    ['a letter swap', 'كما تعهد رئيس الوزراء الياباني شنيزو أبي أمس', 'PERSON شنيزو أبي -> Shinzo Abe'],
    ['a missing long vowel, with a proclitic', 'التقت تيريزا ماي وبوريس جونسن', 'PERSON بوريس جونسن -> Boris Johnson'],
  ])('%s', (_name, text, expected) => {
    expect(linked(text)).toContain(expected);
  });

  it('makes no hits on ordinary prose', () => {
    const prose =
      'وأشار التقرير إلى أن الأسعار ارتفعت بشكل ملحوظ خلال الأشهر الماضية، وأن الحكومة تدرس خطة جديدة لدعم الأسر الفقيرة ' +
      'وتحسين الخدمات العامة في المدن والقرى، بينما طالب نواب في البرلمان بمحاسبة المسؤولين عن تأخر المشاريع ' +
      'وأكدت مصادر مطلعة أن المفاوضات مستمرة بين الأطراف المعنية للتوصل إلى حلول عملية ترضي الجميع.';
    expect(entities(prose).filter((e) => e.source.startsWith('fuzzy'))).toEqual([]);
  });
});

describe('ambiguity by context', () => {
  it('الشرق الأوسط: a newspaper after صحيفة, a region elsewhere', () => {
    expect(linked('وذكرت صحيفة "الشرق الأوسط" أن الأزمة في الشرق الأوسط تتفاقم')).toEqual([
      'ORGANIZATION الشرق الأوسط -> Asharq Al-Awsat',
      'LOCATION الشرق الأوسط -> Middle East',
    ]);
  });

  it('in a match report a city with a masculine nationality adjective or its country in brackets is a club', () => {
    const report = 'وفي مباراة الدوري حقق ليون الفرنسي فوزه الثاني على هامبورغ الألماني بهدف في الدقيقة 80، وتعادل بورتو (البرتغال) مع ضيفه';
    expect(ruleSpans(report)).toEqual(['ORGANIZATION ليون', 'ORGANIZATION هامبورغ', 'ORGANIZATION بورتو', 'LOCATION البرتغال']);
    // The same city outside a match report, with a feminine adjective, or after a port it names: a place.
    expect(ruleSpans('ووصل الوفد إلى ليون الفرنسي حيث التقى رئيس البلدية')).toEqual(['LOCATION ليون']);
    expect(ruleSpans('وقبل المباراة زار لاعبو الفريق ومدربهم ليون الفرنسية حيث استقبلهم مدرب المنتخب')).toEqual(['LOCATION ليون']);
    expect(ruleSpans('وفي مباراة الدوري قال المدرب إن ميناء حيفا الإسرائيلي أغلق بعد المباراة')).toEqual(['LOCATION حيفا']);
  });

  it('a city right after a team\'s noun is the club, in any text (`فريق ليون`, `لنادي بورتو`)', () => {
    expect(ruleSpans('وقال إن فريق ليون سيسافر بالطائرة، وإن لنادي بورتو ملعبا جديدا')).toEqual(['ORGANIZATION ليون', 'ORGANIZATION بورتو']);
    expect(ruleSpans('وقال إن فريقا من الخبراء زار ليون')).toEqual(['LOCATION ليون']);
  });


  it('a city after a word clubs put before their town is the club, both words, the proclitic outside', () => {
    expect(ruleSpans('وقال الوزير إن مكابي حيفا خسر، وإن لدينامو كييف ملعبا جديدا مثل أولمبيك مرسيليا')).toEqual([
      'ORGANIZATION مكابي حيفا',
      'ORGANIZATION دينامو كييف',
      'ORGANIZATION أولمبيك مرسيليا',
    ]);
    // Without the head word the city is the place.
    expect(ruleSpans('وقال الوزير إن حيفا وكييف ومرسيليا مدن كبيرة')).toEqual(['LOCATION حيفا', 'LOCATION كييف', 'LOCATION مرسيليا']);
  });
  it('a media name in quotation marks is the outlet, with no media word before it', () => {
    expect(linked('بغداد: «الشرق الأوسط» هددت الحكومة بالانسحاب من المفاوضات في الشرق الأوسط')).toEqual([
      'LOCATION بغداد -> Baghdad',
      'ORGANIZATION الشرق الأوسط -> Asharq Al-Awsat',
      'LOCATION الشرق الأوسط -> Middle East',
    ]);
    expect(linked('وقال الوزير لـ"الحياة" إن الحياة عادت إلى طبيعتها')).toEqual(['ORGANIZATION الحياة -> Al-Hayat']);
  });

  it('الحياة: a newspaper only with a media word before it', () => {
    expect(spans('المصدر: الحياة')).toEqual(['ORGANIZATION الحياة']);
    expect(spans('قال إن الحياة عادت إلى طبيعتها')).toEqual([]);
  });

  it('central banks and rating agencies by name, a country inside the name not taken apart', () => {
    expect(linked('وأعلن بنك المغرب إبقاء سعر الفائدة دون تغيير')).toEqual(['ORGANIZATION بنك المغرب -> Bank Al-Maghrib']);
    expect(linked('وقال مصرف ليبيا المركزي إن الرواتب ستصرف')).toEqual(['ORGANIZATION مصرف ليبيا المركزي -> Central Bank of Libya']);
    expect(linked('وخفضت وكالة موديز التصنيف الائتماني لمصر')).toContain("ORGANIZATION وكالة موديز -> Moody's");
  });

  it('a given name that is also a frequent verb does not start a name by itself (`رفعت`: "she raised")', () => {
    expect(linked('ورفعت فيتش تصنيف السعودية')).toEqual(['ORGANIZATION فيتش -> Fitch Ratings', 'LOCATION السعودية -> Saudi Arabia']);
  });

  it('a plain descriptor or a nationality adjective stays outside a name that stands alone (guidelines 4 and 9)', () => {
    expect(linked('وقال مسؤول في حزب الله اللبناني إن الحدود هادئة')).toEqual(['ORGANIZATION حزب الله -> Hezbollah']);
    expect(linked('وأعلنت حركة حماس موافقتها على الهدنة')).toEqual(['ORGANIZATION حماس -> Hamas']);
    expect(spans('وصوت الكونغرس الأمريكي على القانون')).toEqual(['ORGANIZATION الكونغرس']);
    expect(spans('وعاد الهدوء إلى إقليم دارفور')).toEqual(['LOCATION دارفور']);
    expect(spans('ونشرت صحيفة نيويورك تايمز التقرير')).toEqual(['ORGANIZATION نيويورك تايمز']);
    // An official name keeps its prefix or adjective (`حزب`, `منظمة التحرير الفلسطينية`, `إقليم كردستان`).
    expect(spans('وقال زعيم حزب الليكود إن منظمة التحرير الفلسطينية ترفض')).toEqual(['ORGANIZATION حزب الليكود', 'ORGANIZATION منظمة التحرير الفلسطينية']);
    expect(spans('وزار الوفد إقليم كردستان')).toEqual(['LOCATION إقليم كردستان']);
  });

  it('a body "of" another is two organisations, not one name', () => {
    expect(spans('وقال مجلس الأمن التابع للأمم المتحدة إن الوضع خطير')).toEqual(['ORGANIZATION مجلس الأمن', 'ORGANIZATION لأمم المتحدة']);
  });

  it('generic descriptions of institutions are not organisations', () => {
    expect(spans('وأعلنت الخارجية البريطانية ووزارة الخارجية الأمريكية أن التحالف الدولي مستمر')).toEqual([]);
  });
});
