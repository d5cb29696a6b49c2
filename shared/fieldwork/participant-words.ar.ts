import type { ParticipantWords } from "./participant-words.ts";

// Arabic (shown right to left). Service names and numbers stay as they are dialled and spelled.
export const words: ParticipantWords = {
  handOverStrong: "أنت تجيب بنفسك.",
  handOverRest: "لا أحد غيرك يرى إجاباتك على الشاشة. عندما تنتهي من هذا الجزء، أعد الجهاز اللوحي.",
  showCardStrong: "هذه هي الإجابات التي يمكنك الاختيار منها.",
  showCardRest: "المس إجابتك، أو أخبر الشخص الذي يجري المقابلة.",
  wantBreak: "أريد استراحة",
  wantStop: "أريد التوقف",
  giveBack: "إعادة الجهاز اللوحي",
  giveBackToInterviewer: "يرجى إعادة الجهاز اللوحي إلى الشخص الذي يجري المقابلة",
  thanksGiveBack: "شكرًا لك. يرجى إعادة الجهاز اللوحي",
  handBackLead: {
    complete: "لقد وصلت إلى النهاية. سيُكمل الشخص الذي يجري المقابلة من هنا.",
    section_end: "كان هذا آخر سؤال تجيب عنه بنفسك. سيتابع الشخص الذي يجري المقابلة من هنا.",
    give_back: "سيتابع الشخص الذي يجري المقابلة من هنا.",
    break: "طلبت استراحة. سيتابع الشخص الذي يجري المقابلة من هنا.",
    stop: "طلبت التوقف. لست مضطرًا للإجابة عن أي أسئلة أخرى. سيتابع الشخص الذي يجري المقابلة من هنا.",
  },
  consentNo: "إنهاء هنا: لم تُعطَ الموافقة",
  consentNote: "أنت تقرر ما إذا كنت تريد الإجابة. إذا قلت لا، فلن نحتفظ إلا بكلمة «لا».",
  emergency: "إذا كنت في خطر الآن، اتصل بالرقم 999.",
  servicesIn: "في {area}",
  phone: "الهاتف:",
  open: "ساعات العمل:",
  where: "العنوان:",
  anywhere: "في أي مكان في إنجلترا",
  freeDayOrNight: "مجانًا، ليلًا ونهارًا",
  dayOrNight: "ليلًا ونهارًا",
  nhs111: "NHS 111 (اضغط 2 للحصول على دعم في أزمات الصحة النفسية)",
  shoutName: "Shout: دعم عبر الرسائل النصية",
  shoutText: "أرسل كلمة SHOUT إلى الرقم 85258، مجانًا، ليلًا ونهارًا",
};
