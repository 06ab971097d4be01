"""Errors a person can act on: each message says what is wrong with the file, in Chinese."""


class IngestError(Exception):
    """Base class: the input cannot be turned into articles."""


class EmptyInputError(IngestError):
    def __init__(self) -> None:
        super().__init__("文件是空的（或只有空白），没有可导入的内容。")


class BinaryInputError(IngestError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"这不是文本文件（{detail}），可能是图片、PDF 或压缩包；请先转成纯文本。")


class UndecodableInputError(IngestError):
    def __init__(self, tried: str) -> None:
        super().__init__(
            f"无法识别文件的文字编码（已尝试 {tried}）；请另存为 UTF-8 后再导入。"
        )


class NoChineseTextError(IngestError):
    def __init__(self) -> None:
        super().__init__("文件里没有中文文字，不像是中文新闻稿。")


class NoStoryError(IngestError):
    def __init__(self) -> None:
        super().__init__("文件中没有识别出任何稿件（没有标题、电头或成段的正文）。")


class NoArticleInPageError(IngestError):
    def __init__(self) -> None:
        super().__init__(
            "这个网页里没有找到正文（可能是首页、目录、搜索结果或错误页）；请保存文章本身的页面后再导入。"
        )
