from imrpredict.cli import app

app()
