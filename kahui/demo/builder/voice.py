"""Learner and whānau voice and shared products: in each group past its first stage, a
survey of its learners (answered, in the survey's language) and one for whānau (open,
not answered yet), and a shared product written by three members in turn."""

from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.groups import GroupSpec
from kahui.demo.data.people import ORGANISATIONS
from kahui.demo.data.voice import VOICE_EN, VOICE_NL
from kahui.groups.models import LearningGroup
from kahui.groups.stages import Stage
from kahui.library import services as library
from kahui.voice import services as voice
from kahui.voice.question_sets import BY_KEY
from kahui.voice.services import QuestionPlan


class VoiceAndProducts:
    def __init__(self, builder: Workshop, spec: GroupSpec, group: LearningGroup, index: int):
        self.b, self.spec, self.group, self.index = builder, spec, group, index
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        self.language = "nl" if org_spec.country == "NL" else "en"
        self.texts = VOICE_NL if self.language == "nl" else VOICE_EN

    def tell(self) -> None:
        people = [m.user for m in self.group.memberships.order_by("created_at", "id")]
        if len(people) < 3 or (self.group.stage == Stage.CONNECT and self.group.cycle == 1):
            return  # a group still getting to know each other has not asked anyone yet
        self._survey(people)
        self._product(people)

    def _plans(self, key: str):
        question_set = BY_KEY[key]
        title = {self.language: question_set.title[self.language]}
        plans = [
            QuestionPlan(
                kind=question.kind,
                text={self.language: question.text[self.language]},
                choices={self.language: question.choices[self.language]}
                if question.choices
                else {},
            )
            for question in question_set.questions
        ]
        return question_set, title, plans

    def _survey(self, people) -> None:
        question_set, title, plans = self._plans(self.texts["learners_set"])
        survey = voice.survey_create(
            group=self.group,
            by=people[1],
            audience=question_set.audience,
            title=title,
            languages=[self.language],
            questions=plans,
            question_set=question_set.key,
        )
        scales, choice, text = [], None, None
        for question in survey.questions.all():
            if question.kind == "scale":
                scales.append(question)
            elif question.kind == "choice":
                choice = question
            else:
                text = question
        answers = self.texts["answers"]
        for number in range(len(answers) - self.index % 3):
            levels, where, words = answers[number]
            given = {question.pk: level for question, level in zip(scales, levels, strict=False)}
            if choice is not None:
                given[choice.pk] = where
            if text is not None and words:
                given[text.pk] = words
            voice.response_submit(survey=survey, language=self.language, answers=given)
        if not self.index % 2:  # heard enough: closed
            voice.survey_close(survey=survey, by=people[0])
        question_set, title, plans = self._plans(self.texts["whanau_set"])
        voice.survey_create(
            group=self.group,
            by=people[0],
            audience=question_set.audience,
            title=title,
            languages=[self.language],
            questions=plans,
            question_set=question_set.key,
            show_group_name=True,
        )

    def _product(self, people) -> None:
        spec = self.texts["product"]
        versions = spec["versions"]
        product = library.product_create(
            group=self.group,
            by=people[0],
            title=spec["title"],
            product_kind=spec["kind"],
            body=versions[0],
            description=spec["description"],
        )
        for number, body in enumerate(versions[1:], start=1):
            product = library.product_save(
                resource=product,
                by=people[number % len(people)],
                title=product.title,
                body=body,
                version=product.version,
            )
        if self.index % 2:  # every other group shares its product with its organisation
            library.resource_publish(resource=product, by=people[0], visibility="organisation")
